using LandQuality.IntegrationTests.Review;
using LandQuality.Review.Queue;

namespace LandQuality.IntegrationTests.Cli;

/// <summary>
/// The CLI's review commands name the reviewer with <c>--user</c>, which nothing authenticates: every entry they
/// write records the operating-system account that ran them beside it (issue "Web application"). Entries written
/// by the services on behalf of a signed-in user carry no such key.
/// </summary>
public sealed class OperatingSystemUserTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task A_claim_from_the_cli_records_the_os_user_and_one_from_the_services_does_not()
    {
        var scenario = new ReviewScenario(db);
        await scenario.SeedReviewersAsync();
        await scenario.AddParcelAsync("OS-USER-1", 951, "missing_certificate_serial");
        await scenario.AddParcelAsync("OS-USER-2", 952, "missing_certificate_serial");
        await scenario.OpenCasesAsync();

        await Lq.SucceedsAsync(db.ConnectionString, "review", "claim-next", "--user", "xa.19753.1");
        var fromServices = await new ReviewQueue(db.Database).ClaimNextAsync("xa.19753.2", CancellationToken.None);

        var cli = await db.ScalarTextAsync("SELECT payload FROM audit_events WHERE kind = 'task_claimed' AND actor = 'xa.19753.1'");
        var services = await db.ScalarTextAsync($"SELECT payload FROM audit_events WHERE kind = 'task_claimed' AND actor = 'xa.19753.2'");
        using var entry = System.Text.Json.JsonDocument.Parse(cli!);
        Assert.Equal(Environment.UserName, entry.RootElement.GetProperty("os_user").GetString());
        Assert.NotNull(fromServices);
        Assert.DoesNotContain("os_user", services, StringComparison.Ordinal);
    }
}
