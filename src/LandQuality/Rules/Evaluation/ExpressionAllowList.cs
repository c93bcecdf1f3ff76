using System.Collections;
using System.Globalization;
using System.Linq.Dynamic.Core;
using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.CompilerServices;
using LandQuality.Rules.Facts;
using LandQuality.Rules.Helpers;

namespace LandQuality.Rules.Evaluation;

/// <summary>A rule expression that reaches beyond what rules may use; the rule does not compile.</summary>
public sealed class RuleNotAllowedException(string message) : Exception(message);

/// <summary>
/// What a rule expression may touch, checked on the parsed tree before anything is compiled. A rule
/// is code that policy staff write and the server runs, so it may read the parcel's facts, call the
/// rule helpers and work with plain values — text, numbers, dates, lists of them and LINQ over them —
/// and nothing else: every value in the tree must be of such a type, and every method, property and
/// constructor must belong to one. That shuts out reflection (<c>GetType</c>, <c>Type</c>,
/// <c>Assembly</c>) wherever it appears, and also the file system, the environment, processes and
/// threads, which no allowed type reaches. Nor may a rule change anything: on the parcel's lists and
/// other collections only reading members are allowed, and no setter. Dynamic LINQ's own parser is narrower than C# but still
/// lets a rule call any public member of any value it can name; this check is what makes that safe.
/// </summary>
public static class ExpressionAllowList
{
    /// <summary>Names refused on every type, for a plain message (the type rules would refuse them anyway).</summary>
    static readonly HashSet<string> ReflectionNames = new(StringComparer.Ordinal)
    {
        "GetType", "Assembly", "Module", "Type", "TypeHandle", "MethodHandle", "DeclaringType", "ReflectedType",
        "UnderlyingSystemType", "MemberwiseClone", "Finalize", "GetMethod", "GetProperty", "GetField", "Invoke",
        "CreateInstance", "GetTypeCode",
    };

    /// <summary>
    /// Collections a rule may hold but must not change: the parcel's lists are shared by every rule of the
    /// parcel, so a rule that cleared one would decide the others. Only these members are read on them.
    /// </summary>
    static readonly HashSet<Type> MutableCollections =
    [
        typeof(Array), typeof(List<>), typeof(HashSet<>), typeof(Dictionary<,>), typeof(ICollection<>), typeof(IList<>),
        typeof(ISet<>), typeof(IDictionary<,>),
    ];

    static readonly HashSet<string> ReadingMembers = new(StringComparer.Ordinal)
    {
        "Count", "Length", "LongLength", "Rank", "Contains", "ContainsKey", "ContainsValue", "IndexOf", "LastIndexOf", "get_Item", "Item",
        "Keys", "Values", "Exists", "Find", "FindIndex", "FindLast", "FindLastIndex", "FindAll", "TrueForAll", "GetEnumerator",
        "IsSubsetOf", "IsSupersetOf", "IsProperSubsetOf", "IsProperSupersetOf", "Overlaps", "SetEquals", "Equals", "ToString",
        "GetHashCode", "get_Count", "get_Length",
    };

    static readonly HashSet<Type> PlainTypes =
    [
        typeof(object), typeof(string), typeof(char), typeof(bool),
        typeof(byte), typeof(sbyte), typeof(short), typeof(ushort), typeof(int), typeof(uint), typeof(long), typeof(ulong),
        typeof(float), typeof(double), typeof(decimal),
        typeof(DateTime), typeof(DateOnly), typeof(TimeOnly), typeof(TimeSpan), typeof(DateTimeOffset), typeof(DayOfWeek),
        typeof(Math), typeof(Convert), typeof(Enumerable),
        typeof(StringComparison), typeof(StringComparer), typeof(CultureInfo), typeof(CompareOptions),
        typeof(System.Text.NormalizationForm), typeof(StringSplitOptions), typeof(MidpointRounding),
        typeof(Array), typeof(IEnumerable), typeof(IComparable), typeof(IEquatable<>), typeof(IComparer<>), typeof(IEqualityComparer<>),
    ];

    static readonly HashSet<Type> GenericDefinitions =
    [
        typeof(Nullable<>), typeof(IEnumerable<>), typeof(IEnumerator<>), typeof(ICollection<>), typeof(IList<>),
        typeof(IReadOnlyCollection<>), typeof(IReadOnlyList<>), typeof(List<>), typeof(HashSet<>), typeof(ISet<>),
        typeof(Dictionary<,>), typeof(IDictionary<,>), typeof(IReadOnlyDictionary<,>), typeof(KeyValuePair<,>),
        typeof(IGrouping<,>), typeof(ILookup<,>), typeof(IOrderedEnumerable<>),
        typeof(Func<>), typeof(Func<,>), typeof(Func<,,>), typeof(Func<,,,>),
        typeof(Tuple<,>), typeof(ValueTuple<,>),
    ];

    /// <summary>The facts and the helpers: LandQuality's own types that rules are written against.</summary>
    static readonly HashSet<Type> RuleTypes = [typeof(ParcelFacts), typeof(PurposeFacts), typeof(OwnerFacts), .. RuleHelpers.CustomTypes];

    /// <summary>Throws <see cref="RuleNotAllowedException"/> naming the first thing the expression may not use.</summary>
    public static void Check(Expression parsed) => new Checker().Visit(parsed);

    public static bool IsAllowed(Type type)
    {
        if (PlainTypes.Contains(type) || RuleTypes.Contains(type) || type.IsEnum && type.Namespace == "System")
            return true;
        if (type.IsArray)
            return IsAllowed(type.GetElementType()!);
        if (type.IsGenericType)
            return GenericDefinitions.Contains(type.GetGenericTypeDefinition()) && type.GetGenericArguments().All(IsAllowed);
        return IsValueShape(type);
    }

    /// <summary>
    /// The classes Dynamic LINQ emits for <c>new (a, b)</c> and C#'s anonymous types: plain holders
    /// of values, allowed when every property is.
    /// </summary>
    static bool IsValueShape(Type type) =>
        (typeof(DynamicClass).IsAssignableFrom(type) && type != typeof(DynamicClass) || type.IsDefined(typeof(CompilerGeneratedAttribute), false))
        && type.GetProperties().All(p => IsAllowed(p.PropertyType));

    static string Describe(Type type) => type.IsGenericType ? $"{type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)]}<…>" : type.Name;

    sealed class Checker : ExpressionVisitor
    {
        // Inner nodes first, so that "".GetType().Assembly is refused for GetType, where it starts.
        public override Expression? Visit(Expression? node)
        {
            var visited = base.Visit(node);
            if (node is not null && node.NodeType != ExpressionType.Lambda && !IsAllowed(node.Type))
                throw Refused($"a value of type {Describe(node.Type)}");
            return visited;
        }

        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            var visited = base.VisitMethodCall(node);
            RequireMember(node.Method, node.Method.DeclaringType);
            foreach (var argument in node.Method.GetGenericArguments())
                if (!IsAllowed(argument))
                    throw Refused($"{node.Method.Name}<{Describe(argument)}>");
            return visited;
        }

        protected override Expression VisitMember(MemberExpression node)
        {
            var visited = base.VisitMember(node);
            RequireMember(node.Member, node.Member.DeclaringType);
            return visited;
        }

        protected override Expression VisitNew(NewExpression node)
        {
            if (!IsAllowed(node.Type))
                throw Refused($"new {Describe(node.Type)}");
            return base.VisitNew(node);
        }

        protected override Expression VisitUnary(UnaryExpression node)
        {
            if (node.Method is not null)
                RequireMember(node.Method, node.Method.DeclaringType);
            return base.VisitUnary(node);
        }

        protected override Expression VisitBinary(BinaryExpression node)
        {
            if (node.Method is not null)
                RequireMember(node.Method, node.Method.DeclaringType);
            return base.VisitBinary(node);
        }

        // An invocation calls a delegate value, and a delegate can be anything: rules call methods by name.
        protected override Expression VisitInvocation(InvocationExpression node) => throw Refused("calling a delegate");

        protected override Expression VisitTypeBinary(TypeBinaryExpression node) =>
            IsAllowed(node.TypeOperand) ? base.VisitTypeBinary(node) : throw Refused($"a test for type {Describe(node.TypeOperand)}");

        static void RequireMember(MemberInfo member, Type? declaringType)
        {
            var name = $"`{(declaringType is null ? "" : Describe(declaringType) + ".")}{member.Name}`";
            if (ReflectionNames.Contains(member.Name))
                throw Refused($"`{member.Name}`");
            if (declaringType is null || !IsAllowed(declaringType))
                throw Refused(name);
            // Rules read: a setter or event accessor (the facts' init-only properties included) would change what the next rule sees.
            if (member is MethodInfo { IsSpecialName: true } accessor && !accessor.Name.StartsWith("get_", StringComparison.Ordinal)
                && !accessor.Name.StartsWith("op_", StringComparison.Ordinal))
                throw Refused(name);
            var definition = declaringType.IsGenericType ? declaringType.GetGenericTypeDefinition() : declaringType;
            if (MutableCollections.Contains(definition) && !ReadingMembers.Contains(member.Name))
                throw Refused(name);
        }

        static RuleNotAllowedException Refused(string what) => new(
            $"{what} is not allowed in a rule: rules may use the parcel's facts, the rule helpers "
            + $"({string.Join(", ", RuleHelpers.CustomTypes.Select(t => t.Name))}) and plain values (text, numbers, dates, lists, LINQ) only.");
    }
}
