using LandQuality.Rules.Loading;
using RulesEngine.Models;

namespace LandQuality.Tests.Rules;

/// <summary>Finds the shipped rule sets and the test fixtures from the repository root, wherever the tests run.</summary>
static class RuleFiles
{
    public static readonly string RepositoryRoot = FindRoot();

    /// <summary>The newest shipped version of the default rule set: the one a fresh database publishes.</summary>
    public static string DefaultRuleSetPath => DefaultVersionPath(DefaultVersions[^1]);

    /// <summary>Every shipped version number of the default rule set, oldest first.</summary>
    public static int[] DefaultVersions { get; } = Directory.GetFiles(Path.Combine(RepositoryRoot, "rules", "default"), "*.json")
        .Select(f => int.TryParse(Path.GetFileNameWithoutExtension(f), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : 0)
        .Where(v => v > 0).Order().ToArray();

    public static string DefaultVersionPath(int version) =>
        Path.Combine(RepositoryRoot, "rules", "default", version.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".json");

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
