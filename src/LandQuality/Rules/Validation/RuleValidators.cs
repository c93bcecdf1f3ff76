using FluentValidation;
using LandQuality.Rules.Evaluation;
using RulesEngine.Models;

namespace LandQuality.Rules.Validation;

/// <summary>
/// What any rule, top-level or nested, must satisfy to mean in RulesEngine what it seems to mean.
/// RulesEngine's own validator accepts some rules it then runs differently than written (an
/// operator in the wrong letter case evaluates the rule's Expression instead of its children);
/// these are errors here.
/// </summary>
sealed class RuleStructureValidator : AbstractValidator<Rule>
{
    static readonly string[] Operators = ["And", "AndAlso", "Or", "OrElse"];

    public RuleStructureValidator()
    {
        RuleFor(r => r.RuleName).NotEmpty().WithMessage("RuleName is required.");
        RuleFor(r => r.RuleExpressionType).IsInEnum().WithMessage("RuleExpressionType must be LambdaExpression (or 0).");
        RuleFor(r => r.Actions).Null().WithMessage("Actions are not supported: a LandQuality rule's only output is its finding.");

        When(r => r.Operator is not null, () =>
        {
            RuleFor(r => r.Operator).Must(op => Operators.Contains(op, StringComparer.Ordinal))
                .WithMessage(r => Operators.FirstOrDefault(o => string.Equals(o, r.Operator, StringComparison.OrdinalIgnoreCase)) is { } exact
                    ? $"Operator '{r.Operator}' must be written '{exact}': RulesEngine matches the name case-sensitively and would ignore the nested rules."
                    : $"Operator '{r.Operator}' is not one of {string.Join(", ", Operators)}.");
            RuleFor(r => r.Rules).Must(rules => rules?.Any() == true).WithMessage("A rule with an Operator needs nested Rules.");
            RuleForEach(r => r.Rules).NotNull().WithMessage("A nested rule is null.");
            RuleFor(r => r.Expression).Empty().WithSeverity(FluentValidation.Severity.Warning)
                .WithMessage("Expression is ignored: a rule with an Operator is judged by its nested rules.");
        }).Otherwise(() =>
        {
            RuleFor(r => r.Expression).NotEmpty().WithMessage("Expression is required (or an Operator with nested Rules).");
            RuleFor(r => r.Rules).Must(rules => rules?.Any() != true).WithMessage("Nested Rules need an Operator: And, AndAlso, Or or OrElse.");
        });

        RuleForEach(r => r.LocalParams).SetValidator(new ScopedParamValidator("local param"));
        RuleFor(r => r.LocalParams).Must(HaveDistinctNames!).When(r => r.LocalParams is not null)
            .WithMessage("Local params need distinct names: RulesEngine silently drops a repeated one.");
    }

    public static bool HaveDistinctNames(IEnumerable<ScopedParam?> scopedParams)
    {
        var names = scopedParams.Where(p => p is not null).Select(p => p!.Name).ToList();
        return names.Distinct(StringComparer.Ordinal).Count() == names.Count;
    }
}

/// <summary>Our metadata in a top-level rule's Properties.</summary>
sealed class RuleMetadataValidator : AbstractValidator<Rule>
{
    public RuleMetadataValidator()
    {
        EnumProperty<Dimension>(RuleMetadata.DimensionKey);
        EnumProperty<Severity>(RuleMetadata.SeverityKey);
        EnumProperty<ReviewStage>(RuleMetadata.StageKey);
        TextProperty(RuleMetadata.MessageViKey);
        TextProperty(RuleMetadata.MessageEnKey);
        RuleFor(r => r).Must(r => RuleMetadata.PapersOf(r).All(Documents.Notices.CitizenPapers.IsKnown))
            .OverridePropertyName($"Properties.{RuleMetadata.CitizenPapersKey}")
            .WithMessage(r => $"Properties.{RuleMetadata.CitizenPapersKey} '{RuleMetadata.Text(r, RuleMetadata.CitizenPapersKey)}' names a paper that is not one of " +
                             $"{string.Join(", ", Documents.Notices.CitizenPapers.All.Select(p => p.Key))}.");
    }

    void EnumProperty<T>(string key) where T : struct, Enum
    {
        var allowed = string.Join(", ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()));
        RuleFor(r => r).Must(r => RuleMetadata.TryEnum<T>(r, key) is not null).OverridePropertyName($"Properties.{key}")
            .WithMessage(r => RuleMetadata.Text(r, key) is { } text
                ? $"Properties.{key} '{text}' is not one of {allowed}."
                : $"Properties.{key} is required (a string: {allowed}).");
    }

    void TextProperty(string key) =>
        RuleFor(r => RuleMetadata.Text(r, key)).NotEmpty().OverridePropertyName($"Properties.{key}")
            .WithMessage($"Properties.{key} is required (a non-empty string).");
}

sealed class ScopedParamValidator : AbstractValidator<ScopedParam>
{
    public ScopedParamValidator(string kind)
    {
        RuleFor(p => p.Name).NotEmpty().WithMessage($"A {kind} needs a Name.")
            .Must(name => name == null || IsIdentifier(name)).WithMessage(p => $"{kind} name '{p.Name}' is not an identifier expressions can use.")
            .NotEqual(RuleSettings.InputName).WithMessage($"A {kind} cannot be named {RuleSettings.InputName}: that is the parcel.");
        RuleFor(p => p.Expression).NotEmpty().WithMessage(p => $"{kind} '{p.Name}' needs an Expression.");
    }

    static bool IsIdentifier(string name) =>
        name.Length > 0 && (char.IsLetter(name[0]) || name[0] == '_') && name.All(c => char.IsLetterOrDigit(c) || c == '_');
}
