using System.Collections.Concurrent;
using LandQuality.Rules.Evaluation;
using LandQuality.Rules.Loading;
using LandQuality.Rules.Versions;

namespace LandQuality.Rules.Runs;

/// <summary>
/// Compiled rule sets by version id. Versions are immutable, so a version is compiled once per
/// process and the delegates are shared by every run and every single-parcel re-evaluation.
/// </summary>
static class CompiledVersions
{
    static readonly ConcurrentDictionary<long, Lazy<CompiledRuleSet>> Cache = new();

    public static CompiledRuleSet Get(RuleSetVersion version) =>
        Cache.GetOrAdd(version.Id, _ => new Lazy<CompiledRuleSet>(() => CompiledRuleSet.Compile(RuleSetFile.Parse(version.Content)))).Value;
}
