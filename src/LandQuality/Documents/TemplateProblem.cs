namespace LandQuality.Documents;

/// <summary>What is wrong with a template, and where: its name, 1-based line and column, and Scriban's message.</summary>
/// <param name="Source">Where the template was read from: the shipped copy, or the override's file path.</param>
public sealed record TemplateProblem(string Name, string Source, int Line, int Column, string Message)
{
    public override string ToString() => $"{Name} ({Source}), dòng/line {Line}, cột/column {Column}: {Message}";
}

/// <summary>A template that cannot be used at all: the shipped one failed (a bug), or rendering failed.</summary>
public sealed class TemplateFailedException(TemplateProblem problem) : Exception(problem.ToString())
{
    public TemplateProblem Problem { get; } = problem;
}
