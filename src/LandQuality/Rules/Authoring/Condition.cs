using System.Text.Json.Serialization;

namespace LandQuality.Rules.Authoring;

/// <summary>
/// A rule's condition as policy staff build it on the form, without code. A condition describes the
/// problem: a parcel for which it holds gets a finding (the rule's RulesEngine expression is its
/// negation). Missing values never make a comparison hold, so "issued before the owner was born"
/// flags nobody whose dates are unknown — the rules for missing values report those.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(FieldCondition), "field")]
[JsonDerivedType(typeof(CheckCondition), "check")]
[JsonDerivedType(typeof(GroupCondition), "group")]
[JsonDerivedType(typeof(QuantifiedCondition), "quantified")]
public abstract record Condition;

/// <summary>
/// A field of the parcel view compared by an operator. Fields are named as in the reference:
/// <c>AreaM2</c> for the parcel, <c>owner.BirthDate</c> and <c>purpose.Code</c> for a row inside
/// a quantifier.
/// </summary>
/// <param name="Operand">What <c>equals</c>, <c>differs</c>, <c>less_than</c>, <c>greater_than</c> and
/// <c>matches</c> compare with; the lower bound of <c>between</c>; the years of <c>older_than_years</c>.</param>
/// <param name="Upper">The upper bound of <c>between</c> (both bounds included).</param>
/// <param name="List">The values of <c>in_list</c>.</param>
public sealed record FieldCondition(
    string Field, ConditionOperator Operator, Operand? Operand = null, Operand? Upper = null, IReadOnlyList<string>? List = null) : Condition;

/// <summary>A domain check from the catalogue (<see cref="DomainChecks"/>), holding or not.</summary>
/// <param name="Parameter">The check's threshold (a tolerance, a number of years) when it takes one.</param>
public sealed record CheckCondition(string Check, bool Holds = true, Operand? Parameter = null) : Condition;

/// <summary>Conditions combined: all of them hold, or any of them.</summary>
public sealed record GroupCondition(GroupMode Mode, IReadOnlyList<Condition> Conditions) : Condition;

/// <summary>"any owner …", "every owner …", "any land-use purpose …": the inner condition about one row.</summary>
public sealed record QuantifiedCondition(Quantifier Over, Condition Condition) : Condition;

/// <summary>
/// One side of a comparison: a value written as text (parsed for the field's type), a named parameter
/// (the rule's own or the rule set's global one), or another field. Exactly one is set.
/// </summary>
public sealed record Operand(string? Value = null, string? Parameter = null, string? Field = null);

/// <summary>A named threshold of one rule, emitted as a RulesEngine local param that policy staff change without touching the condition.</summary>
public sealed record NamedParameter(string Name, ValueKind Type, string Value);

[JsonConverter(typeof(JsonStringEnumConverter<GroupMode>))]
public enum GroupMode
{
    [JsonStringEnumMemberName("all")] All,
    [JsonStringEnumMemberName("any")] Any,
}

[JsonConverter(typeof(JsonStringEnumConverter<Quantifier>))]
public enum Quantifier
{
    [JsonStringEnumMemberName("any_owner")] AnyOwner,
    [JsonStringEnumMemberName("every_owner")] EveryOwner,
    [JsonStringEnumMemberName("any_purpose")] AnyPurpose,
}

[JsonConverter(typeof(JsonStringEnumConverter<ConditionOperator>))]
public enum ConditionOperator
{
    [JsonStringEnumMemberName("empty")] Empty,
    [JsonStringEnumMemberName("not_empty")] NotEmpty,
    [JsonStringEnumMemberName("equals")] EqualTo,
    [JsonStringEnumMemberName("differs")] Differs,
    [JsonStringEnumMemberName("less_than")] LessThan,
    [JsonStringEnumMemberName("greater_than")] GreaterThan,
    [JsonStringEnumMemberName("between")] Between,
    [JsonStringEnumMemberName("matches")] Matches,
    [JsonStringEnumMemberName("in_list")] InList,
    [JsonStringEnumMemberName("older_than_years")] OlderThanYears,
}

/// <summary>What a field holds, as the form and the type check see it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ValueKind>))]
public enum ValueKind
{
    [JsonStringEnumMemberName("text")] Text,
    [JsonStringEnumMemberName("number")] Number,
    [JsonStringEnumMemberName("date")] Date,
    [JsonStringEnumMemberName("boolean")] Boolean,
    [JsonStringEnumMemberName("list")] List,
}
