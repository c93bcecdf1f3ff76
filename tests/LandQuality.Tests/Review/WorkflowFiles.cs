using LandQuality.Review.Definitions;

namespace LandQuality.Tests.Review;

/// <summary>Finds the shipped workflows and the test fixtures from the repository root, wherever the tests run.</summary>
static class WorkflowFiles
{
    public static readonly string RepositoryRoot = FindRoot();

    public static string DefaultPath => Path.Combine(RepositoryRoot, "workflows", "campaign-2025", "1.json");

    public static string Fixture(string name) => Path.Combine(RepositoryRoot, "tests", "LandQuality.Tests", "Review", "Fixtures", name);

    /// <summary>The default campaign workflow, read once and shared like the platform's cache would.</summary>
    public static WorkflowDefinition Default { get; } = WorkflowFile.Read(DefaultPath).OrThrow(DefaultPath);

    static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "LandQuality.sln")))
                return dir.FullName;
        throw new InvalidOperationException("Cannot find the repository root (LandQuality.sln) above " + AppContext.BaseDirectory);
    }
}
