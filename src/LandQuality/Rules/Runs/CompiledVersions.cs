using System.Collections.Concurrent;
using LandQuality.Rules.Evaluation;
using LandQuality.Rules.Loading;
using LandQuality.Rules.Versions;

namespace LandQuality.Rules.Runs;

/// <summary>
/// Compiled rule sets by the SHA-256 of their content. Versions are immutable, so a version is compiled once per
/// process and the delegates are shared by every run and every single-parcel re-evaluation. Not by version id: a
/// process that works on two databases (the tests, a benchmark beside a demo) meets the same id with other content.
/// </summary>
static class CompiledVersions
{
    static readonly ConcurrentDictionary<string, Lazy<CompiledRuleSet>> Cache = new(StringComparer.Ordinal);

    public static CompiledRuleSet Get(RuleSetVersion version) =>
        Cache.GetOrAdd(version.ContentHash, _ => new Lazy<CompiledRuleSet>(() => CompiledRuleSet.Compile(RuleSetFile.Parse(version.Content)))).Value;
}
