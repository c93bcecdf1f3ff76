using LandQuality.Rules.Authoring;
using LandQuality.Rules.Drafts;
using LandQuality.Rules.Loading;
using Microsoft.AspNetCore.Mvc;

namespace LandQuality.Web.Pages.Rules;

/// <summary>What the rule form would store, checked as the officer types, nothing saved.</summary>
/// <param name="Expression">The RulesEngine expression the form produces (or the raw one, as typed).</param>
/// <param name="Position">Where in <paramref name="Expression"/> the parser stopped (0-based), when it says.</param>
public sealed record RuleCheck(bool Ok, string Title, string? Expression, string? Message, int? Position);

/// <summary>
/// The rule form checked without saving, for the page's script to show the generated expression, or the refusal with
/// its position, while the officer types: the same checks as saving (<see cref="DraftContent.PutRule"/>), on the
/// draft as it is now.
/// </summary>
public sealed partial class DraftModel
{
    public async Task<IActionResult> OnPostCheckAsync(CancellationToken ct)
    {
        var draft = await Service.LoadAsync(Name, Id, ct);
        var english = Culture.IsEnglish;
        // Any valid name will do for the check; the name's own rule is reported on save.
        var name = string.IsNullOrWhiteSpace(Input.Name) ? "rule" : Input.Name.Trim();
        try
        {
            var content = DraftContent.PutRule(draft.Content, name, Input.ToForm());
            var expression = RuleSetFile.Parse(content).SelectMany(w => w.Rules ?? []).First(r => r.RuleName == name).Expression;
            return new JsonResult(new RuleCheck(true, english ? "Expression produced" : "Biểu thức sinh ra", expression, null, null));
        }
        catch (ConditionRefusedException refused)
        {
            return new JsonResult(new RuleCheck(false, english ? "Not valid yet" : "Chưa hợp lệ", refused.Expression ?? Input.Expression,
                english ? refused.En : refused.Vi, refused.Position));
        }
    }
}
