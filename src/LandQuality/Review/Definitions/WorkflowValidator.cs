using FluentValidation;

namespace LandQuality.Review.Definitions;

/// <summary>
/// Checks a definition before it may run: the shape of each member here, the routes between
/// stages in <see cref="WorkflowGraphChecks"/>. Messages say what is wrong and what would do.
/// </summary>
public sealed class WorkflowValidator : AbstractValidator<WorkflowDefinition>
{
    public const string SnakeCase = "^[a-z][a-z0-9_]*$";

    public WorkflowValidator()
    {
        RuleFor(w => w.Id).NotEmpty().WithMessage("is required");
        RuleFor(w => w.Id).Matches("^[a-z0-9]+(-[a-z0-9]+)*$").When(w => w.Id.Length > 0)
            .WithMessage("must be lower-case letters, digits and dashes, like \"campaign-2025\" (it names the folder workflows/<id>/)");
        RuleFor(w => w.Version).GreaterThan(0).WithMessage("must be 1 or more");
        RuleFor(w => w.Name).SetValidator(new TextValidator());
        RuleFor(w => w.CampaignEnd).GreaterThanOrEqualTo(w => w.CampaignStart)
            .When(w => w.CampaignStart is not null && w.CampaignEnd is not null).WithMessage("must not be before campaignStart");
        RuleFor(w => w.CitizenDocumentsDue).Must((w, due) => due >= w.CampaignStart && due <= w.CampaignEnd)
            .When(w => w.CitizenDocumentsDue is not null && w.CampaignStart is not null && w.CampaignEnd is not null)
            .WithMessage("must fall between campaignStart and campaignEnd");
        RuleFor(w => w.InitialStage).NotEmpty().WithMessage("is required");
        RuleFor(w => w.InitialStage).Must((w, id) => w.Stage(id) is not null).When(w => w.InitialStage.Length > 0)
            .WithMessage(w => $"\"{w.InitialStage}\" is not a stage of this workflow");
        RuleFor(w => w.InitialStage).Must((w, id) => w.Stage(id) is not { IsTerminal: true })
            .WithMessage("must not be a terminal stage: a case would end before anyone looked at it");
        RuleFor(w => w.Stages).NotEmpty().WithMessage("needs at least one stage");
        RuleForEach(w => w.Stages).SetValidator(new StageValidator());
        RuleFor(w => w).Custom((w, context) =>
        {
            foreach (var problem in WorkflowGraphChecks.Check(w))
                context.AddFailure(problem.Path, problem.Message);
        });
    }

    /// <summary>Every problem of a definition, or none.</summary>
    public static IReadOnlyList<WorkflowProblem> Problems(WorkflowDefinition definition) =>
        new WorkflowValidator().Validate(definition).Errors
            .Select(e => new WorkflowProblem(WorkflowProblem.JsonPath(e.PropertyName), e.ErrorMessage))
            .ToList();
}

sealed class TextValidator : AbstractValidator<LocalizedText>
{
    public TextValidator()
    {
        RuleFor(t => t.Vi).NotEmpty().WithMessage("is required: the Vietnamese text shown to officers");
        RuleFor(t => t.En).NotEmpty().WithMessage("is required: the English text");
    }
}

sealed class StageValidator : AbstractValidator<StageDefinition>
{
    public StageValidator()
    {
        RuleFor(s => s.Id).NotEmpty().WithMessage("is required");
        RuleFor(s => s.Id).Matches(WorkflowValidator.SnakeCase).When(s => s.Id.Length > 0)
            .WithMessage("must be lower-case letters, digits and _, like \"parked_rebuild\"");
        RuleFor(s => s.Name).SetValidator(new TextValidator());
        When(s => s.IsHuman, () =>
        {
            RuleFor(s => s.Role).NotEmpty().WithMessage("is required: the role of the people who may take this stage's tasks");
            RuleFor(s => s.Role).Matches(WorkflowValidator.SnakeCase).When(s => !string.IsNullOrEmpty(s.Role))
                .WithMessage("must be lower-case letters, digits and _, like \"commune_officer\"");
            RuleFor(s => s.Jurisdiction).NotNull().WithMessage("is required: commune or province");
            RuleFor(s => s.DueDays).NotNull().WithMessage("is required: days from the task's creation to its due date");
            RuleFor(s => s.DueDays).GreaterThan(0).When(s => s.DueDays is not null).WithMessage("must be 1 or more");
            RuleFor(s => s.EscalateAfterDays).NotNull().When(s => s.EscalateToRole is not null)
                .WithMessage("is required when escalateToRole is set: days past the due date before escalating");
            RuleFor(s => s.EscalateAfterDays).GreaterThanOrEqualTo(0).When(s => s.EscalateAfterDays is not null)
                .WithMessage("must be 0 or more (0: as soon as the task is overdue)");
            RuleFor(s => s.EscalateToRole).NotEmpty().When(s => s.EscalateAfterDays is not null)
                .WithMessage("is required when escalateAfterDays is set: the supervisor role that takes over");
            RuleFor(s => s.EscalateToRole).NotEqual(s => s.Role).When(s => s.EscalateToRole is not null)
                .WithMessage("must differ from role: an overdue task goes to a supervisor");
            RuleFor(s => s.Decisions).NotEmpty().WithMessage("a human stage needs at least one decision");
            RuleForEach(s => s.Decisions).SetValidator(new DecisionValidator());
        });
        When(s => s.IsAutomatic, () =>
        {
            RuleFor(s => s.Action).NotEmpty().WithMessage($"is required: one of {string.Join(", ", StageDefinition.KnownActions)}");
            RuleFor(s => s.Action).Must(a => StageDefinition.KnownActions.Contains(a!)).When(s => !string.IsNullOrEmpty(s.Action))
                .WithMessage(s => $"\"{s.Action}\" is not an action the platform knows: {string.Join(", ", StageDefinition.KnownActions)}");
            RuleFor(s => s.Next).NotNull().WithMessage("is required: where the case goes after the action");
        });
        RuleFor(s => s.Outcome).NotNull().When(s => s.IsTerminal).WithMessage("is required for a terminal stage: verified or parked");
        RuleFor(s => s).Custom((stage, context) =>
        {
            foreach (var member in MembersNotOfKind(stage))
                context.AddFailure(member, $"does not belong to a {stage.Kind.ToString().ToLowerInvariant()} stage");
        });
    }

    // A member of another kind is almost always a mistake (a "decisions" list on an automatic stage would be ignored).
    static IEnumerable<string> MembersNotOfKind(StageDefinition s)
    {
        if (!s.IsHuman)
        {
            if (s.Role is not null) yield return "role";
            if (s.Jurisdiction is not null) yield return "jurisdiction";
            if (s.DueDays is not null) yield return "dueDays";
            if (s.EscalateAfterDays is not null) yield return "escalateAfterDays";
            if (s.EscalateToRole is not null) yield return "escalateToRole";
            if (s.Decisions.Count > 0) yield return "decisions";
        }
        if (!s.IsAutomatic)
        {
            if (s.Action is not null) yield return "action";
            if (s.Next is not null) yield return "next";
        }
        if (!s.IsTerminal && s.Outcome is not null)
            yield return "outcome";
    }
}

sealed class DecisionValidator : AbstractValidator<DecisionDefinition>
{
    public DecisionValidator()
    {
        RuleFor(d => d.Id).NotEmpty().WithMessage("is required");
        RuleFor(d => d.Id).Matches(WorkflowValidator.SnakeCase).When(d => d.Id.Length > 0)
            .WithMessage("must be lower-case letters, digits and _, like \"submit_corrections\"");
        RuleFor(d => d.Label).SetValidator(new TextValidator());
        RuleFor(d => d.To).NotNull().WithMessage("is required: a stage id or a list of { \"when\": guard, \"to\": stage }");
    }
}
