using System.Reflection;
using LandQuality.Rules.Facts;

namespace LandQuality.Rules.Authoring;

/// <summary>Where a field lives: the parcel itself, or one row inside "any/every owner" or "any purpose".</summary>
public enum FieldScope { Parcel, Owner, Purpose }

/// <summary>A field a rule can use, found by reflection on the parcel view.</summary>
/// <param name="Path">Its name in the form and the reference: <c>AreaM2</c>, <c>owner.FullName</c>, <c>purpose.Code</c>.</param>
/// <param name="Member">The property name in expressions.</param>
/// <param name="Nullable">Whether it can be empty (null text, a missing date or number).</param>
/// <param name="WholeNumber">A number without fractions (int), so its literals are written without a decimal point.</param>
public sealed record ViewField(string Path, FieldScope Scope, string Member, ValueKind Kind, Type ClrType, bool Nullable, bool WholeNumber, FieldLabel? Label);

/// <summary>
/// The fields of <see cref="ParcelFacts"/>, <see cref="OwnerFacts"/> and <see cref="PurposeFacts"/>,
/// read from the types themselves so the form, the reference and the type check never fall behind the
/// facts the rules really see.
/// </summary>
public static class ViewFields
{
    public const string OwnerPrefix = "owner.";
    public const string PurposePrefix = "purpose.";

    static readonly NullabilityInfoContext Nullability = new();

    public static IReadOnlyList<ViewField> All { get; } =
    [
        .. Of(typeof(ParcelFacts), FieldScope.Parcel, ""),
        .. Of(typeof(OwnerFacts), FieldScope.Owner, OwnerPrefix),
        .. Of(typeof(PurposeFacts), FieldScope.Purpose, PurposePrefix),
    ];

    static readonly Dictionary<string, ViewField> ByPath = All.ToDictionary(f => f.Path, StringComparer.OrdinalIgnoreCase);

    /// <summary>The field at <paramref name="path"/> in any letter case, or null.</summary>
    public static ViewField? Find(string path) => ByPath.GetValueOrDefault(path.Trim());

    static IEnumerable<ViewField> Of(Type type, FieldScope scope, string prefix) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetMethod is { IsPublic: true })
            .Select(p =>
            {
                var path = prefix + p.Name;
                var underlying = System.Nullable.GetUnderlyingType(p.PropertyType);
                var nullable = underlying is not null
                    || !p.PropertyType.IsValueType && Nullability.Create(p).ReadState == NullabilityState.Nullable;
                var clr = underlying ?? p.PropertyType;
                return new ViewField(path, scope, p.Name, KindOf(clr), clr, nullable, clr == typeof(int) || clr == typeof(long),
                    FieldLabels.All.GetValueOrDefault(path));
            });

    static ValueKind KindOf(Type type) =>
        type == typeof(string) ? ValueKind.Text
        : type == typeof(bool) ? ValueKind.Boolean
        : type == typeof(DateOnly) ? ValueKind.Date
        : type == typeof(int) || type == typeof(long) || type == typeof(decimal) || type == typeof(double) ? ValueKind.Number
        : typeof(System.Collections.IEnumerable).IsAssignableFrom(type) ? ValueKind.List
        : throw new NotSupportedException($"The parcel view has a field of type {type.Name} the editor does not know: add it to ViewFields.KindOf.");
}
