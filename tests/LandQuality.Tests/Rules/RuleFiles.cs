using LandQuality.Rules.Loading;
using RulesEngine.Models;

namespace LandQuality.Tests.Rules;

/// <summary>Finds the shipped rule sets and the test fixtures from the repository root, wherever the tests run.</summary>
static class RuleFiles
{
    public static readonly string RepositoryRoot = FindRoot();

    public static string DefaultRuleSetPath => Path.Combine(RepositoryRoot, "rules", "default", "2.json");

    public static string Fixture(string name) => Path.Combine(RepositoryRoot, "tests", "LandQuality.Tests", "Rules", "Fixtures", name);

    public static Workflow[] LoadDefault() => RuleSetFile.Read(DefaultRuleSetPath);

    public static Workflow[] LoadFixture(string name) => RuleSetFile.Read(Fixture(name));

    static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "LandQuality.sln")))
                return dir.FullName;
        throw new InvalidOperationException("Cannot find the repository root (LandQuality.sln) above " + AppContext.BaseDirectory);
    }
}
