using System.Text.Json;
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
        return new WorkflowProblem(path, message.TrimEnd('.'), e.LineNumber + 1, e.BytePositionInLine + 1);
    }
}
