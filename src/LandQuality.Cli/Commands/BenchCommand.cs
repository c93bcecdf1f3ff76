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
        bench.Subcommands.Add(Preview());
        bench.Subcommands.Add(Review());
        bench.Subcommands.Add(Web());
        bench.Subcommands.Add(Dashboard());
        return bench;
    }

    static Command Evaluate()
    {
        var parcels = new Option<int>("--parcels") { Description = "Parcels to generate, load and evaluate.", DefaultValueFactory = _ => 1_120_000 };
        var sample = new Option<int>("--reference-sample") { Description = "Parcels for the RulesEngine loop (it is slow).", DefaultValueFactory = _ => 50_000 };
        var coreOnly = new Option<bool>("--core-only") { Description = "Only (a), core vs RulesEngine loop, with every layer of the core and with each one off; printed, not written to docs/benchmarks.md." };
        var passes = new Option<int>("--passes") { Description = "With --core-only: passes over the data; the table gives medians.", DefaultValueFactory = _ => 1 };
        var incrementalOnly = new Option<bool>("--incremental-only") { Description = "Only (e), lq evaluate --changed after a daily sync of 1 % of parcels vs a full run; printed, not written to docs/benchmarks.md." };
        var databaseName = new Option<string>("--database")
        {
            Description = "The benchmark database (created and marked by lq bench when missing); another name keeps the shared one as it is.",
            DefaultValueFactory = _ => BenchDatabase.Evaluation,
        };
        var command = new Command("evaluate", "Evaluation: core vs RulesEngine loop, full run vs the physical floor, vs a SQL-pushdown baseline, incremental vs full run.");
        command.Options.Add(parcels);
        command.Options.Add(sample);
        command.Options.Add(coreOnly);
        command.Options.Add(passes);
        command.Options.Add(incrementalOnly);
        command.Options.Add(databaseName);
        command.SetAction((parse, ct) => RefusingOthersDatabases(async () =>
        {
            var n = parse.GetValue(parcels);
            var dir = DemoData.EnsureGenerated(n, seed: 1, ct);
            await using var database = await OpenBenchDatabaseAsync(maxPoolSize: null, ct, parse.GetValue(databaseName)!);
            await using (var count = database.DataSource.CreateCommand("SELECT count(*) FROM parcels"))
                if ((long)(await count.ExecuteScalarAsync(ct))! != n)
                    await new Imports.Importer(database).RunAsync(dir, "bench", null, ct);
            if (parse.GetValue(coreOnly))
            {
                var shipped = Rules.Versions.ShippedRuleSets.All.Last(s => s.RuleSet == "default");
                var results = new List<CoreComparison>();
                for (var pass = 0; pass < parse.GetValue(passes); pass++)
                    results.Add(await CoreBenchmark.RunAsync(database.DataSource, shipped.Content, parse.GetValue(sample),
                        line => AnsiConsole.WriteLine(line), ct, CoreBenchmark.EachLayerOff));
                AnsiConsole.WriteLine(CoreLayerTable.ToMarkdown(results));
                return 0;
            }
            // The core comparison reads the parcels and stores nothing; every other part stores runs.
            await SupersededFindings.PruneAsync(database, line => AnsiConsole.WriteLine(line), ct);
            if (parse.GetValue(incrementalOnly))
            {
                var e = await IncrementalBenchmark.RunAsync(database, line => AnsiConsole.WriteLine(line), ct);
                AnsiConsole.WriteLine(EvaluationBenchmarkReport.IncrementalRow(e));
                AnsiConsole.WriteLine(EvaluationBenchmarkReport.IncrementalNote(e));
                return 0;
            }
            var result = await EvaluationBenchmark.RunAsync(database, parse.GetValue(sample), line => AnsiConsole.WriteLine(line), ct);
            var markdown = EvaluationBenchmarkReport.ToMarkdown(result, $"lq bench evaluate --parcels {n}");
            Report("evaluate", markdown);
            return 0;
        }));
        return command;
    }

    static Command Preview()
    {
        var passes = new Option<int>("--passes") { Description = "Evaluation and preview pairs, alternating.", DefaultValueFactory = _ => 2 };
        var command = new Command("preview", "A draft's impact preview on all data (background form) against a full evaluation run (needs `lq bench evaluate` data).");
        command.Options.Add(passes);
        command.SetAction((parse, ct) => RefusingOthersDatabases(async () =>
        {
            await using var database = await OpenBenchDatabaseAsync(maxPoolSize: null, ct);
            var result = await PreviewBenchmark.RunAsync(database, parse.GetValue(passes), line => AnsiConsole.WriteLine(line), ct);
            Report("preview", PreviewBenchmarkReport.ToMarkdown(result, $"lq bench preview --passes {parse.GetValue(passes)}"));
            return 0;
        }));
        return command;
    }

    static Command Review()
    {
        var cases = new Option<int>("--cases") { Description = "Open cases to start with.", DefaultValueFactory = _ => 100_000 };
        var reviewers = new Option<int>("--reviewers") { Description = "Concurrent simulated reviewers.", DefaultValueFactory = _ => 200 };
        var seconds = new Option<int>("--seconds") { Description = "How long they work at each load level.", DefaultValueFactory = _ => 30 };
        var think = new Option<int>("--think-ms") { Description = "Mean time a reviewer reads a claimed case before deciding.", DefaultValueFactory = _ => 300 };
        // Two connections per core: with the hot path at a few statements per step, more backends on 2 cores mostly
        // wait for each other, fewer leave a core idle while the client works (figures in docs/benchmarks.md).
        var pool = new Option<int>("--pool") { Description = "Connections the reviewers share.", DefaultValueFactory = _ => 4 };
        var command = new Command("review", "Concurrent reviewers on open cases, with think time and closed-loop: decisions/s and latencies (needs `lq bench evaluate` data).");
        foreach (var o in new Option[] { cases, reviewers, seconds, think, pool })
            command.Options.Add(o);
        command.SetAction((parse, ct) => RefusingOthersDatabases(async () =>
        {
            await using var database = await OpenBenchDatabaseAsync(maxPoolSize: parse.GetValue(pool), ct);
            var result = await ReviewBenchmark.RunAsync(database, parse.GetValue(cases), parse.GetValue(reviewers),
                TimeSpan.FromSeconds(parse.GetValue(seconds)), parse.GetValue(think), parse.GetValue(pool), line => AnsiConsole.WriteLine(line), ct);
            var markdown = ReviewBenchmarkReport.ToMarkdown(result,
                $"lq bench review --cases {parse.GetValue(cases)} --reviewers {parse.GetValue(reviewers)} --think-ms {parse.GetValue(think)}");
            Report("review", markdown);
            return 0;
        }));
        return command;
    }

    static Command Web()
    {
        var cases = new Option<int>("--cases") { Description = "Open cases to start with.", DefaultValueFactory = _ => 100_000 };
        var reviewers = new Option<int>("--reviewers") { Description = "Concurrent simulated reviewers.", DefaultValueFactory = _ => 200 };
        var seconds = new Option<int>("--seconds") { Description = "How long they work through HTTP, then on the services.", DefaultValueFactory = _ => 30 };
        var think = new Option<int>("--think-ms") { Description = "Mean time a reviewer reads a claimed case before deciding.", DefaultValueFactory = _ => 300 };
        var pool = new Option<int>("--pool") { Description = "Connections the reviewers share.", DefaultValueFactory = _ => 4 };
        var command = new Command("web", "Reviewers through the web application's HTTP API beside the same load on the services, then the queue and case pages (needs `lq bench evaluate` data).");
        foreach (var o in new Option[] { cases, reviewers, seconds, think, pool })
            command.Options.Add(o);
        command.SetAction((parse, ct) => RefusingOthersDatabases(async () =>
        {
            await using var database = await OpenBenchDatabaseAsync(maxPoolSize: parse.GetValue(pool), ct);
            var result = await WebBenchmark.RunAsync(database, parse.GetValue(cases), parse.GetValue(reviewers), TimeSpan.FromSeconds(parse.GetValue(seconds)),
                parse.GetValue(think), Path.Combine(CliDatabase.Home, "bench-web"), line => AnsiConsole.WriteLine(line), ct);
            Report("web", WebBenchmarkReport.ToMarkdown(result,
                $"lq bench web --cases {parse.GetValue(cases)} --reviewers {parse.GetValue(reviewers)} --think-ms {parse.GetValue(think)}"));
            return 0;
        }));
        return command;
    }

    static Command Dashboard()
    {
        var database = new Option<string>("--database")
        {
            Description = "A benchmark database holding `lq bench evaluate` data (a copy of it, to leave the shared one as it is).",
            DefaultValueFactory = _ => BenchDatabase.Evaluation,
        };
        var command = new Command("dashboard", "The province dashboard page's latency on the evaluation benchmark's 1.12M parcels, beside a plain count of its figures (needs `lq bench evaluate` data).");
        command.Options.Add(database);
        command.SetAction((parse, ct) => RefusingOthersDatabases(async () =>
        {
            await using var db = await OpenBenchDatabaseAsync(maxPoolSize: null, ct, parse.GetValue(database)!);
            var result = await DashboardBenchmark.RunAsync(db, Path.Combine(CliDatabase.Home, "bench-dashboard"), line => AnsiConsole.WriteLine(line), ct);
            Report("dashboard", DashboardBenchmark.ToMarkdown(result, "lq bench dashboard"));
            return 0;
        }));
        return command;
    }

    /// <summary>The database the evaluation and review benchmarks share, created by them and refused by them otherwise.</summary>
    static async Task<Data.Database> OpenBenchDatabaseAsync(int? maxPoolSize, CancellationToken ct, string name = BenchDatabase.Evaluation)
    {
        await using var server = await CliDatabase.OpenAsync(ct);
        // Benchmarks empty tables and create databases: they work as the schema's owner, in databases of their own.
        return await BenchDatabase.OpenAsync(server.OwnerConnectionString, name, maxPoolSize, ct);
    }

    /// <summary>A database the benchmarks did not create is refused with a message, not a stack trace.</summary>
    static async Task<int> RefusingOthersDatabases(Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (NotABenchDatabaseException e)
        {
            AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[red]Refused:[/] {e.Message}");
            return 2;
        }
    }

    static void Report(string section, string markdown)
    {
        BenchmarkReport.WriteSection(DemoData.BenchmarksFile, section, markdown);
        AnsiConsole.WriteLine(markdown);
    }

    static Command Import()
    {
        var parcels = new Option<int>("--parcels") { Description = "Parcels to generate and load.", DefaultValueFactory = _ => 1_120_000 };
        var firstOnly = new Option<bool>("--first-only") { Description = "Only the first import, beside its raw COPY; printed, not written to docs/benchmarks.md." };
        var reimportOnly = new Option<bool>("--reimport-only")
        {
            Description = "Only the 1 %-changed re-import, on a copy of the state a first import left (kept as the bench database's name + _base; drop it when done); printed, not written to docs/benchmarks.md.",
        };
        var command = new Command("import", "Time `lq import` against a raw COPY of the same files into unindexed tables.");
        command.Options.Add(parcels);
        command.Options.Add(reimportOnly);
        command.Options.Add(firstOnly);
        command.SetAction((parse, ct) => RefusingOthersDatabases(async () =>
        {
            var n = parse.GetValue(parcels);
            var dir = DemoData.EnsureGenerated(n, seed: 1, ct);
            await using var database = await CliDatabase.OpenAsync(ct);
            if (parse.GetValue(reimportOnly))
            {
                await ImportBenchmark.RunReimportOnlyAsync(database.OwnerConnectionString, dir, line => AnsiConsole.WriteLine(line), ct);
                return 0;
            }
            if (parse.GetValue(firstOnly))
            {
                await ImportBenchmark.RunFirstAsync(database.OwnerConnectionString, dir, line => AnsiConsole.WriteLine(line), ct);
                return 0;
            }
            var result = await ImportBenchmark.RunAsync(database.OwnerConnectionString, dir, line => AnsiConsole.WriteLine(line), ct);
            var markdown = ImportBenchmark.ToMarkdown(result, $"lq bench import --parcels {n}");
            Report("import", markdown);
            AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"Written to {DemoData.BenchmarksFile}");
            return 0;
        }));
        return command;
    }
}
