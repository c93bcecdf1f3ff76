using System.Globalization;
using System.CommandLine;
using LandQuality.Benchmarks;
using Spectre.Console;

namespace LandQuality.Cli.Commands;

/// <summary><c>lq bench …</c>: measurements against the obvious alternative, in one run, written to docs/benchmarks.md.</summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var bench = new Command("bench", "Benchmarks; each writes its section of docs/benchmarks.md.");
        bench.Subcommands.Add(Import());
        bench.Subcommands.Add(Evaluate());
        bench.Subcommands.Add(Review());
        return bench;
    }

    static Command Evaluate()
    {
        var parcels = new Option<int>("--parcels") { Description = "Parcels to generate, load and evaluate.", DefaultValueFactory = _ => 1_120_000 };
        var sample = new Option<int>("--reference-sample") { Description = "Parcels for the RulesEngine loop (it is slow).", DefaultValueFactory = _ => 50_000 };
        var coreOnly = new Option<bool>("--core-only") { Description = "Only (a), core vs RulesEngine loop, printed and not written to docs/benchmarks.md (a quick loop for core work)." };
        var command = new Command("evaluate", "Evaluation: core vs RulesEngine loop, full run vs the physical floor, vs a SQL-pushdown baseline.");
        command.Options.Add(parcels);
        command.Options.Add(sample);
        command.Options.Add(coreOnly);
        command.SetAction(async (parse, ct) =>
        {
            var n = parse.GetValue(parcels);
            var dir = DemoData.EnsureGenerated(n, seed: 1, ct);
            await using var database = await OpenBenchDatabaseAsync(maxPoolSize: null, ct);
            await using (var count = database.DataSource.CreateCommand("SELECT count(*) FROM parcels"))
                if ((long)(await count.ExecuteScalarAsync(ct))! != n)
                    await new Imports.Importer(database).RunAsync(dir, "bench", null, ct);
            if (parse.GetValue(coreOnly))
            {
                var shipped = Rules.Versions.ShippedRuleSets.All.Last(s => s.RuleSet == "default");
                await CoreBenchmark.RunAsync(database.DataSource, shipped.Content, parse.GetValue(sample), line => AnsiConsole.WriteLine(line), ct);
                return 0;
            }
            var result = await EvaluationBenchmark.RunAsync(database, parse.GetValue(sample), line => AnsiConsole.WriteLine(line), ct);
            var markdown = EvaluationBenchmarkReport.ToMarkdown(result, $"lq bench evaluate --parcels {n}");
            Report("evaluate", markdown);
            return 0;
        });
        return command;
    }

    static Command Review()
    {
        var cases = new Option<int>("--cases") { Description = "Open cases to start with.", DefaultValueFactory = _ => 100_000 };
        var reviewers = new Option<int>("--reviewers") { Description = "Concurrent simulated reviewers.", DefaultValueFactory = _ => 200 };
        var seconds = new Option<int>("--seconds") { Description = "How long they work at each load level.", DefaultValueFactory = _ => 30 };
        var think = new Option<int>("--think-ms") { Description = "Mean time a reviewer reads a claimed case before deciding.", DefaultValueFactory = _ => 300 };
        // Two connections per core: with the hot path at a few statements per step, more backends on 2 cores mostly
        // wait for each other, fewer leave a core idle while the client works (measured with 300 ms think time after
        // the hot-path work: claim p99 98 ms with 2, 84 ms with 3, 62 ms with 4, 104 ms with 6 connections).
        var pool = new Option<int>("--pool") { Description = "Connections the reviewers share.", DefaultValueFactory = _ => 4 };
        var command = new Command("review", "Concurrent reviewers on open cases, with think time and closed-loop: decisions/s and latencies (needs `lq bench evaluate` data).");
        foreach (var o in new Option[] { cases, reviewers, seconds, think, pool })
            command.Options.Add(o);
        command.SetAction(async (parse, ct) =>
        {
            await using var database = await OpenBenchDatabaseAsync(maxPoolSize: parse.GetValue(pool), ct);
            var result = await ReviewBenchmark.RunAsync(database, parse.GetValue(cases), parse.GetValue(reviewers),
                TimeSpan.FromSeconds(parse.GetValue(seconds)), parse.GetValue(think), parse.GetValue(pool), line => AnsiConsole.WriteLine(line), ct);
            var markdown = ReviewBenchmarkReport.ToMarkdown(result,
                $"lq bench review --cases {parse.GetValue(cases)} --reviewers {parse.GetValue(reviewers)} --think-ms {parse.GetValue(think)}");
            Report("review", markdown);
            return 0;
        });
        return command;
    }

    /// <summary>The database the evaluation and review benchmarks share (kept between runs: loading it takes a minute).</summary>
    static async Task<Data.Database> OpenBenchDatabaseAsync(int? maxPoolSize, CancellationToken ct)
    {
        await using var server = await CliDatabase.OpenAsync(ct);
        // Benchmarks empty tables and create databases: they work as the schema's owner, in databases of their own.
        await Data.Database.EnsureDatabaseAsync(server.OwnerConnectionString, "lq_bench_evaluate", ct);
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(server.OwnerConnectionString) { Database = "lq_bench_evaluate" };
        if (maxPoolSize is { } size)
            builder.MaxPoolSize = size;
        return await Data.Database.OpenAsync(builder.ConnectionString, "unused", false, ct);
    }

    static void Report(string section, string markdown)
    {
        BenchmarkReport.WriteSection(DemoData.BenchmarksFile, section, markdown);
        AnsiConsole.WriteLine(markdown);
    }

    static Command Import()
    {
        var parcels = new Option<int>("--parcels") { Description = "Parcels to generate and load.", DefaultValueFactory = _ => 1_120_000 };
        var command = new Command("import", "Time `lq import` against a raw COPY of the same files into unindexed tables.");
        command.Options.Add(parcels);
        command.SetAction(async (parse, ct) =>
        {
            var n = parse.GetValue(parcels);
            var dir = DemoData.EnsureGenerated(n, seed: 1, ct);
            await using var database = await CliDatabase.OpenAsync(ct);
            var result = await ImportBenchmark.RunAsync(database.OwnerConnectionString, dir, line => AnsiConsole.WriteLine(line), ct);
            var markdown = ImportBenchmark.ToMarkdown(result, $"lq bench import --parcels {n}");
            Report("import", markdown);
            AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"Written to {DemoData.BenchmarksFile}");
            return 0;
        });
        return command;
    }
}
