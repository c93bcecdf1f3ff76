using System.Globalization;

namespace LandQuality.Benchmarks;

/// <summary>The web section of docs/benchmarks.md: the API beside the services in one table, the pages, then the checks.</summary>
public static class WebBenchmarkReport
{
    public static string ToMarkdown(WebBenchmarkResult r, string command) => string.Create(CultureInfo.InvariantCulture, $"""
        ## Web application (`{command}`)

        {r.OpenCases:N0} open cases; {r.Reviewers} simulated commune officers, measured {DateTime.UtcNow:yyyy-MM-dd}. First through the HTTP API of the web
        application served on a real port of this machine (Kestrel, in the benchmark's process): each reviewer gets a bearer token
        (`POST /api/auth/token`), then loops: `POST /api/tasks/claim-next`, `GET /api/tasks/{"{id}"}` (the whole case), think
        {r.ThinkMs} ms on average, `POST /api/tasks/{"{id}"}/decision` with a correction. Every request is authenticated and reads the
        account (role, jurisdiction, disabled) before the service runs. Then the same reviewers and steps on the services directly
        (claim next, `TaskDetails`, decide), on the queue the first part left. Each part runs {ReviewBenchmark.LeadIn.TotalSeconds:F0} s unmeasured first.

        | load | decisions/s | claim p50 / p99 | case read p50 / p99 | decision p50 / p99 | seconds |
        |---|---:|---:|---:|---:|---:|
        {Row(r.Http)}
        {Row(r.Services)}

        CPU per decision (claim, read, decide), lead-in included, and the most decisions per second this machine's
        {r.HttpCpu.Cores} cores allow at that cost if they did nothing else:

        | load | this process | PostgreSQL | at most |
        |---|---:|---:|---:|
        {CpuRow("through HTTP (reviewers' client and web server)", r.HttpCpu)}
        {CpuRow("on the services (reviewers and services)", r.ServicesCpu)}

        Pages, as a signed-in officer's browser asks for them ({r.PageRequests} requests each, one after another, the first tenth unmeasured),
        right after the load, on the same database:

        | page | p95 | goal |
        |---|---:|---:|
        | `/queue` (counts by stage and due, the officer's tasks) | {r.QueuePageP95Ms:F1} ms | ≤ 100 ms |
        | `/tasks/{"{id}"}` (the case page: record, owners beside the registry, findings, decisions) | {r.CasePageP95Ms:F1} ms | ≤ 100 ms |

        | check | result | goal |
        |---|---:|---:|
        | decisions/s through HTTP | {r.Http.DecisionsPerSecond:N0} | ≥ 400 |
        | claim p99 through HTTP | {r.Http.ClaimP99Ms:F1} ms | ≤ 100 ms |
        | tasks claimed twice | {(r.NoDoubleClaims ? "none" : "SOME")} | none |
        | acknowledged decisions missing from the database | {(r.LostDecisions == 0 ? "none" : r.LostDecisions.ToString("N0", CultureInfo.InvariantCulture))} | none |
        | audit chains after the run | {(r.AuditIntact ? "intact" : "BROKEN")} | intact |

        Client, web server and PostgreSQL share the machine's {r.HttpCpu.Cores} cores: take one run as an indication.
        """);

    static string CpuRow(string load, CpuPerDecision c) => string.Create(CultureInfo.InvariantCulture,
        $"| {load} | {c.ProcessMs:F2} ms | {(c.ServerMs is { } s ? $"{s:F2} ms" : "not on this machine")} | {(c.Ceiling is { } most ? $"{most:N0}/s" : "—")} |");

    static string Row(ReviewLoadResult l) => string.Create(CultureInfo.InvariantCulture,
        $"| {l.Load} | {l.DecisionsPerSecond:N0} | {l.ClaimP50Ms:F1} / {l.ClaimP99Ms:F1} ms | {l.ReadP50Ms:F1} / {l.ReadP99Ms:F1} ms | {l.DecideP50Ms:F1} / {l.DecideP99Ms:F1} ms | {l.Seconds:F0} |");
}
