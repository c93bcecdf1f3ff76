using System.Text.Json.Nodes;

namespace LandQuality.IntegrationTests.Rules;

/// <summary>
/// A rule that checks clean and throws on every parcel (issue "Hardening"), at severity warning, and
/// rule-set files with and without it.
/// </summary>
public static class RuleErrorFiles
{
    public const string RuleName = "parses_nothing";

    /// <summary>The broken rule as a JSON object: <c>int.Parse("x") == 0</c> compiles, and throws whatever the parcel.</summary>
    static JsonObject ThrowingRule() => new()
    {
        ["RuleName"] = RuleName,
        ["Expression"] = "int.Parse(\"x\") == 0",
        ["ErrorMessage"] = "never",
        ["Properties"] = new JsonObject
        {
            ["dimension"] = "sufficient", ["severity"] = "warning", ["stage"] = "commune",
            ["message_vi"] = "không bao giờ", ["message_en"] = "never",
        },
    };

    /// <summary>One data rule (the area is recorded), with the throwing rule beside it when <paramref name="throwing"/>.</summary>
    public static string Simple(bool throwing)
    {
        var file = JsonNode.Parse("""
            { "WorkflowName": "t", "Rules": [ { "RuleName": "area_present", "Expression": "input1.AreaM2 != null", "ErrorMessage": "no",
              "Properties": { "dimension": "sufficient", "severity": "error", "stage": "commune", "message_vi": "không", "message_en": "no" } } ] }
            """)!;
        if (throwing)
            file["Rules"]!.AsArray().Add(ThrowingRule());
        return file.ToJsonString();
    }

    /// <summary>A rule-set file (one workflow object) with the throwing rule added to its rules.</summary>
    public static string WithThrowingRule(string content)
    {
        var file = JsonNode.Parse(content)!;
        file["Rules"]!.AsArray().Add(ThrowingRule());
        return file.ToJsonString();
    }
}
