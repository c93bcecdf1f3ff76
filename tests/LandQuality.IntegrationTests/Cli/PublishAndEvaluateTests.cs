using System.Globalization;
using LandQuality.IntegrationTests.Rules;
using LandQuality.Rules.Versions;

namespace LandQuality.IntegrationTests.Cli;

/// <summary><c>lq rules publish N --evaluate</c>: the version is published, then every parcel evaluated under it in the same command.</summary>
public sealed class PublishAndEvaluateTests(GeneratedDataSet data) : IClassFixture<GeneratedDataSet>
{
    [Fact]
    public async Task Publishing_with_evaluate_runs_the_published_version_over_every_parcel()
    {
        const string set = "publish-evaluate";
        var draft = await new RuleSetStore(data.Db.Database).AddDraftAsync(set, RuleErrorFiles.Simple(throwing: false), "policy.staff", null, CancellationToken.None);

        var output = await Lq.SucceedsAsync(data.Db.ConnectionString, "rules", "publish", draft.Version.ToString(CultureInfo.InvariantCulture),
            "--rule-set", set, "--evaluate");

        Assert.Contains($"{set} v{draft.Version} is published.", output, StringComparison.Ordinal);
        Assert.Contains(string.Create(CultureInfo.GetCultureInfo("vi-VN"), $"{set} v{draft.Version}, phạm vi"), output, StringComparison.Ordinal);
        Assert.Contains(string.Create(CultureInfo.GetCultureInfo("vi-VN"), $"{GeneratedDataSet.Parcels:N0} thửa"), output, StringComparison.Ordinal);
    }
}
