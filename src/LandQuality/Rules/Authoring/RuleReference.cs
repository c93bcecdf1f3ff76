namespace LandQuality.Rules.Authoring;

public sealed record FieldReference(string Path, string Scope, string Type, bool Nullable, string LabelVi, string LabelEn, string Example,
    IReadOnlyList<string> Operators);

public sealed record CheckReference(string Name, string Scope, string? Parameter, string Vi, string En);

/// <summary>What a rule can use, for the editor beside the form and for <c>lq rules fields</c>: generated from the code.</summary>
public sealed record RuleReference(IReadOnlyList<FieldReference> Fields, IReadOnlyList<HelperEntry> Helpers, IReadOnlyList<CheckReference> Checks)
{
    public static RuleReference Current { get; } = new(
        ViewFields.All.Select(f => new FieldReference(f.Path, Scope(f.Scope), f.Kind.Json(), f.Nullable, f.Label?.Vi ?? "", f.Label?.En ?? "",
            f.Label?.Example ?? "", ConditionExpression.OperatorsFor(f).Select(o => o.Json()).ToList())).ToList(),
        HelperReference.All,
        DomainChecks.All.Select(c => new CheckReference(c.Name, Scope(c.Scope), c.Parameter?.Json(), c.Vi, c.En)).ToList());

    static string Scope(FieldScope scope) => scope switch { FieldScope.Parcel => "parcel", FieldScope.Owner => "owner", _ => "purpose" };
}
