using System.Globalization;
using System.Text.Json;
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

    /// <summary>
    /// Regression: the entries built in SQL — the case a CLI run of <c>cases open</c> opens, the task a CLI decision
    /// opens at the next stage, a CLI reopening — named the <c>--user</c> alone.
    /// </summary>
    [Fact]
    public async Task Every_entry_of_a_case_worked_from_the_cli_records_the_os_user_opening_deciding_and_reopening()
    {
        var scenario = new ReviewScenario(db);
        await scenario.SeedReviewersAsync();
        await scenario.AddParcelAsync("OS-USER-3", 953, "missing_certificate_serial");
        await scenario.AddParcelAsync("OS-USER-4", 954, "missing_certificate_serial");

        await Lq.SucceedsAsync(db.ConnectionString, "cases", "open");
        var parked = await DecideAsync("OS-USER-3", "xa.19753.1", "--decision", "disputed", "--reason", "two families claim it");
        await DecideAsync("OS-USER-4", "xa.19753.1", "--decision", "submit_corrections", "--set", "certificate_serial=CS 100954");
        await Lq.SucceedsAsync(db.ConnectionString, "cases", "reopen", parked.ToString(CultureInfo.InvariantCulture),
            "--user", "xa.19753.truong", "--reason", "the court settled the dispute");

        var kinds = await KindsAsync("OS-USER-3", "OS-USER-4");
        Assert.Superset(new HashSet<string>(["case_opened", "task_claimed", "decision", "correction_proposed", "task_opened", "case_closed", "case_reopened"]),
            kinds.Select(k => k.Kind).ToHashSet());
        Assert.All(kinds, k => Assert.True(k.OsUser == Environment.UserName, $"{k.Kind} records os_user '{k.OsUser}'"));
    }

    /// <summary>
    /// Regression, the rest of the entries built in SQL: an import from the CLI, and a duplicate retired by the approval
    /// of a CLI decision (its task withdrawn, its case parked). The chains still verify.
    /// </summary>
    [Fact]
    public async Task An_import_and_a_retirement_from_the_cli_record_the_os_user_and_the_chains_verify()
    {
        const string commune = "19774", survivor = "OS-DUP-1", duplicate = "OS-DUP-2";
        await new ReviewScenario(db).SeedReviewersAsync();
        using (var files = new Imports.ImportFixtureFiles()
            .Parcels($"{survivor},{commune},9,955,Kiệt 5 Kim Long,200,200,ODT:200,CS 100955,CH00955,2010-05-06,,2024-01-02",
                $"{duplicate},{commune},9,955,Kiệt 5 Kim Long,200,200,ODT:200,CS 100956,CH00956,2010-05-06,,2024-01-02")
            .Owners($"{survivor},Trần Thị Lan,1982-03-04,F,046182000955,", $"{duplicate},Trần Thị Lan,1982-03-04,F,046182000955,")
            .Population("046182000955,Trần Thị Lan,1982-03-04,F,Huế,alive"))
            await Lq.SucceedsAsync(db.ConnectionString, "import", files.Directory);
        await Lq.SucceedsAsync(db.ConnectionString, "evaluate", "--commune", commune);
        await Lq.SucceedsAsync(db.ConnectionString, "cases", "open");

        await DecideAsync(survivor, $"xa.{commune}.1", "--decision", "submit_corrections", "--set", $"retire_duplicate={duplicate}");
        for (var step = 0; step < 3 && await db.ScalarTextAsync($"SELECT stage FROM review_tasks WHERE parcel_id = '{survivor}' AND status = 'Open'") is { } stage; step++)
            await DecideAsync(survivor, stage == "police" ? "ca.1" : "so.1", "--decision", stage == "police" ? "confirm" : "approve");

        Assert.NotNull(await db.ScalarTextAsync($"SELECT retired_at::text FROM parcels WHERE parcel_id = '{duplicate}'"));
        var kinds = await KindsAsync(survivor, duplicate);
        Assert.Superset(new HashSet<string>(["imported", "evaluated", "case_opened", "correction_applied", "parcel_retired", "task_withdrawn", "case_closed"]),
            kinds.Select(k => k.Kind).ToHashSet());
        Assert.All(kinds, k => Assert.True(k.OsUser == Environment.UserName, $"{k.Kind} records os_user '{k.OsUser}'"));
        await Lq.SucceedsAsync(db.ConnectionString, "audit", "verify", "--parcel", duplicate);
        await Lq.SucceedsAsync(db.ConnectionString, "audit", "verify", "--parcel", survivor);
    }

    /// <summary>Claims the parcel's open task from the CLI as <paramref name="user"/> and decides it there; the task's case.</summary>
    async Task<long> DecideAsync(string parcelId, string user, params string[] decision)
    {
        var task = await db.ScalarAsync($"SELECT id FROM review_tasks WHERE parcel_id = '{parcelId}' AND status = 'Open'");
        var id = task.ToString(CultureInfo.InvariantCulture);
        using var claimed = JsonDocument.Parse(await Lq.SucceedsAsync(db.ConnectionString, "review", "claim", id, "--user", user));
        var revision = claimed.RootElement.GetProperty("revision").GetInt32().ToString(CultureInfo.InvariantCulture);
        await Lq.SucceedsAsync(db.ConnectionString, ["review", "decide", id, "--user", user, "--revision", revision, .. decision]);
        return await db.ScalarAsync($"SELECT case_id FROM review_tasks WHERE id = {id}");
    }

    /// <summary>The entries the CLI wrote for the parcels (the set-up's import and evaluation are the tests' own, as "test").</summary>
    async Task<List<(string Kind, string? OsUser)>> KindsAsync(params string[] parcelIds)
    {
        await using var conn = await db.Database.DataSource.OpenConnectionAsync();
        await using var cmd = new Npgsql.NpgsqlCommand(
            "SELECT kind, payload::jsonb ->> 'os_user' FROM audit_events WHERE parcel_id = ANY($1) AND actor <> 'test' ORDER BY parcel_id, seq", conn)
        {
            Parameters = { new Npgsql.NpgsqlParameter<string[]> { TypedValue = parcelIds } },
        };
        var kinds = new List<(string, string?)>();
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync())
            kinds.Add((r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1)));
        return kinds;
    }
}
