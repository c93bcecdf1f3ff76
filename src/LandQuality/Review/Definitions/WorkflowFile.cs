using System.Text.Json;
using System.Text.RegularExpressions;
using System.Text.Json.Serialization;

namespace LandQuality.Review.Definitions;

/// <summary>A definition ready to run, or every problem that keeps it from running.</summary>
public sealed record WorkflowLoad(WorkflowDefinition? Definition, IReadOnlyList<WorkflowProblem> Problems)
{
    public bool IsValid => Definition is not null;

    /// <summary>The definition of a file known to be valid (shipped, or validated when stored); throws otherwise.</summary>
    public WorkflowDefinition OrThrow(string source) => Definition ?? throw new InvalidOperationException(
        $"Workflow {source} is not valid:\n  " + string.Join("\n  ", Problems));
}

/// <summary>
/// Reads workflow JSON: camelCase keys in any letter case, comments and trailing commas allowed,
/// a BOM ignored. Unknown members are refused rather than skipped, since a misspelt
/// <c>escalateAfterDay</c> would otherwise silently turn escalation off.
/// </summary>
public static class WorkflowFile
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        RespectNullableAnnotations = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        WriteIndented = true,
        Converters = { new NamedEnumConverter<StageKind>(), new NamedEnumConverter<Jurisdiction>(), new NamedEnumConverter<TerminalOutcome>() },
    };

    public static WorkflowLoad Read(string path) => Parse(File.ReadAllText(path));

    public static WorkflowLoad Parse(string json)
    {
        WorkflowDefinition? definition;
        try
        {
            definition = JsonSerializer.Deserialize<WorkflowDefinition>(json.TrimStart('\uFEFF'), Options);
        }
        catch (JsonException e)
        {
            return new(null, [FromJsonException(e)]);
        }
        if (definition is null)
            return new(null, [new WorkflowProblem("$", "the file holds null instead of a workflow object")]);
        var problems = WorkflowValidator.Problems(definition);
        return new(problems.Count == 0 ? definition : null, problems);
    }

    static WorkflowProblem FromJsonException(JsonException e)
    {
        // The serializer's own messages end with "Path: … | LineNumber: … | BytePositionInLine: …", which we report apart.
        var message = e.Message;
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        if (cut > 0)
            message = message[..cut];
        var path = e.Path is null or "$" ? "$" : e.Path.StartsWith("$.", StringComparison.Ordinal) ? e.Path[2..] : e.Path;
        return new WorkflowProblem(path, Plain(message.TrimEnd('.')), e.LineNumber + 1, e.BytePositionInLine + 1);
    }

    // The serializer speaks of CLR types; a policy officer editing the file needs the JSON words.
    static string Plain(string message)
    {
        if (message.Contains("could not be mapped", StringComparison.Ordinal))
            return "is not a known property here (misspelt?)";
        if (message.Contains("does not contain any JSON tokens", StringComparison.Ordinal))
            return "the file is empty";
        if (message.Contains("doesn't allow setting null values", StringComparison.Ordinal))
            return "must not be null";
        if (Regex.Match(message, "missing required properties including: '(\\w+)'") is { Success: true } missing)
            return $"\"{missing.Groups[1].Value}\" is required" + (missing.Groups[1].Value == "kind" ? ": human, automatic or terminal" : "");
        if (Regex.Match(message, "could not be converted to (\\S+)") is { Success: true } type)
            return "expected " + type.Groups[1].Value switch
            {
                var t when t.Contains("Int32", StringComparison.Ordinal) => "a whole number",
                var t when t.Contains("DateOnly", StringComparison.Ordinal) => "a date like \"2025-09-01\"",
                var t when t.Contains("Boolean", StringComparison.Ordinal) => "true or false",
                var t when t.Contains("String", StringComparison.Ordinal) => "a text in quotes",
                var t when t.Contains("IReadOnlyList", StringComparison.Ordinal) => "a list [ … ]",
                var t when t.EndsWith(".LocalizedText", StringComparison.Ordinal) => "{ \"vi\": …, \"en\": … }",
                var t when t.EndsWith(".WorkflowDefinition", StringComparison.Ordinal) => "a workflow object { … }",
                _ => "an object { … }",
            };
        return message;
    }
}
