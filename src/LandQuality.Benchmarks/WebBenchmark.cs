using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using LandQuality.Audit;
using LandQuality.Data;
using LandQuality.Review.Queue;
using LandQuality.Web;
using LandQuality.Web.Accounts;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace LandQuality.Benchmarks;

/// <param name="Http">The reviewers through the HTTP API of a running web application.</param>
/// <param name="Services">The same reviewers and load straight on the services, as <c>lq bench review</c> runs them.</param>
/// <param name="HttpCpu">CPU per decision through HTTP: this process (reviewers' client and web server) and PostgreSQL.</param>
/// <param name="ServicesCpu">CPU per decision on the services: this process (reviewers and services) and PostgreSQL.</param>
public sealed record WebBenchmarkResult(long OpenCases, int Reviewers, int ThinkMs, ReviewLoadResult Http, ReviewLoadResult Services,
    double QueuePageP95Ms, double CasePageP95Ms, int PageRequests, bool NoDoubleClaims, long LostDecisions, bool AuditIntact,
    CpuPerDecision HttpCpu, CpuPerDecision ServicesCpu);

/// <summary>
/// <c>lq bench web</c>: simulated reviewers through the web application's API — a token each, then claim next, read
/// the case, think, decide with a correction — on the web application served on a real port of this machine, beside
/// the same load straight on the services, in one run. Then the queue and case pages as a signed-in officer's browser
/// asks for them. Afterwards: no task claimed twice, every acknowledged decision stored, history intact.
/// </summary>
public static partial class WebBenchmark
{
    const int PageRequests = 200;

    public static async Task<WebBenchmarkResult> RunAsync(Database database, int cases, int reviewers, TimeSpan duration, int thinkMs, string home,
        Action<string> log, CancellationToken ct)
    {
        var (opened, users) = await ReviewBenchmark.PrepareAsync(database, cases, reviewers, ct);
        var password = Passwords.Random();
        await SetPasswordsAsync(database, users, password, ct);
        log($"{opened:N0} cases open; {reviewers} reviewers, {duration.TotalSeconds:F0} s through HTTP, then {duration.TotalSeconds:F0} s on the services, {thinkMs} ms think time");

        await using var app = WebApp.Build(["--urls", "http://127.0.0.1:0", "--LandQuality:Home", home, "--Logging:LogLevel:Default", "Warning"], database);
        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = reviewers, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        {
            BaseAddress = new Uri(address),
        };

        var claimed = new ConcurrentBag<long>();
        var acknowledged = new ConcurrentBag<string>();
        var tokens = await TokensAsync(http, users, password, ct);
        var cpu = await CpuMeter.ForAsync(database.DataSource, ct);
        var (overHttp, httpCpu) = await MeteredAsync(cpu, acknowledged, () => RunHttpLoadAsync(http, tokens, duration, thinkMs, claimed, acknowledged, ct));
        log($"through HTTP: {overHttp.DecisionsPerSecond:N0} decisions/s, claim p99 {overHttp.ClaimP99Ms:F1} ms");
        var (onServices, servicesCpu) = await MeteredAsync(cpu, acknowledged,
            () => ReviewBenchmark.RunLoadAsync(database, users, duration, thinkMs, claimed, acknowledged, ct, readCase: true));
        log($"on the services: {onServices.DecisionsPerSecond:N0} decisions/s, claim p99 {onServices.ClaimP99Ms:F1} ms");

        var (queueP95, caseP95) = await PagesAsync(address, tokens[0], password, ct);
        log($"pages: queue p95 {queueP95:F1} ms, case p95 {caseP95:F1} ms");
        var audit = await AuditVerifier.VerifyAsync(database.DataSource, ct);
        return new WebBenchmarkResult(opened, reviewers, thinkMs, overHttp, onServices, queueP95, caseP95, PageRequests,
            claimed.Count == claimed.Distinct().Count(), await ReviewBenchmark.LostDecisionsAsync(database, acknowledged, ct), audit.Intact,
            httpCpu, servicesCpu);
    }

    /// <summary>A load and the CPU it cost per decision, its unmeasured lead-in included on both sides of the division.</summary>
    static async Task<(ReviewLoadResult, CpuPerDecision)> MeteredAsync(CpuMeter cpu, ConcurrentBag<string> acknowledged, Func<Task<ReviewLoadResult>> load)
    {
        var (before, decided) = (cpu.Take(), acknowledged.Count);
        var result = await load();
        return (result, CpuPerDecision.Between(before, cpu.Take(), acknowledged.Count - decided));
    }

    /// <summary>One hash for every simulated reviewer: hashing is made slow on purpose, and 200 of them would take a minute.</summary>
    static async Task SetPasswordsAsync(Database database, List<string> users, string password, CancellationToken ct)
    {
        var hash = Passwords.Hash(new Reviewer { UserName = "", FullName = "", Role = "", Jurisdiction = "" }, password);
        await using var cmd = database.DataSource.CreateCommand(
            "UPDATE reviewers SET password_hash = $1, password_changed_at = now() - interval '1 minute', failed_sign_ins = 0, locked_until = NULL, disabled_at = NULL WHERE user_name = ANY($2)");
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = hash });
        cmd.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. users] });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    static async Task<List<(string User, string Token)>> TokensAsync(HttpClient http, List<string> users, string password, CancellationToken ct)
    {
        var tokens = new List<(string, string)>();
        foreach (var user in users)
        {
            using var response = await http.PostAsJsonAsync("/api/auth/token", new { user, password }, ct);
            response.EnsureSuccessStatusCode();
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            tokens.Add((user, body.RootElement.GetProperty("token").GetString()!));
        }
        return tokens;
    }

    static async Task<ReviewLoadResult> RunHttpLoadAsync(HttpClient http, List<(string User, string Token)> tokens, TimeSpan duration, int thinkMs,
        ConcurrentBag<long> claimed, ConcurrentBag<string> acknowledged, CancellationToken ct)
    {
        var claims = new ConcurrentBag<double>();
        var claimsFromStart = new ConcurrentBag<double>();
        var decides = new ConcurrentBag<double>();
        var reads = new ConcurrentBag<double>();
        var clock = Stopwatch.StartNew();
        var lead = ReviewBenchmark.LeadIn;
        await Task.WhenAll(tokens.Select((reviewer, n) => Task.Run(async () =>
        {
            var random = new Random(n);
            var bearer = new AuthenticationHeaderValue("Bearer", reviewer.Token);
            while (clock.Elapsed < lead + duration && !ct.IsCancellationRequested)
            {
                var measured = clock.Elapsed >= lead;
                var t = Stopwatch.StartNew();
                using var claim = await SendAsync(http, HttpMethod.Post, "/api/tasks/claim-next", bearer, null, ct);
                claimsFromStart.Add(t.Elapsed.TotalMilliseconds);
                if (measured)
                    claims.Add(t.Elapsed.TotalMilliseconds);
                if (claim.StatusCode == HttpStatusCode.NoContent)
                    break;
                claim.EnsureSuccessStatusCode();
                using var task = JsonDocument.Parse(await claim.Content.ReadAsStringAsync(ct));
                var id = task.RootElement.GetProperty("id").GetInt64();
                var revision = task.RootElement.GetProperty("revision").GetInt32();
                claimed.Add(id);
                t.Restart();
                using (var read = await SendAsync(http, HttpMethod.Get, $"/api/tasks/{id}", bearer, null, ct))
                {
                    read.EnsureSuccessStatusCode();
                    await read.Content.ReadAsByteArrayAsync(ct);
                }
                if (measured)
                    reads.Add(t.Elapsed.TotalMilliseconds);
                if (thinkMs > 0)
                    await Task.Delay(thinkMs / 2 + random.Next(thinkMs + 1), ct);
                var operation = Guid.NewGuid().ToString("N");
                t.Restart();
                using var decided = await SendAsync(http, HttpMethod.Post, $"/api/tasks/{id}/decision", bearer, JsonContent.Create(new
                {
                    decision = "submit_corrections", revision, operation_id = operation,
                    corrections = new[] { new { field = "address", value = $"Tổ {id % 30 + 1}, đã xác minh" } },
                }), ct);
                decided.EnsureSuccessStatusCode();
                if (measured)
                    decides.Add(t.Elapsed.TotalMilliseconds);
                acknowledged.Add(operation);
            }
        }, ct)));
        var seconds = (clock.Elapsed - lead).TotalSeconds;
        return new ReviewLoadResult($"through HTTP, {thinkMs} ms think time", seconds, decides.Count,
            ReviewBenchmark.Percentile(claims, 0.50), ReviewBenchmark.Percentile(claims, 0.99), ReviewBenchmark.Percentile(decides, 0.50),
            ReviewBenchmark.Percentile(decides, 0.99), ReviewBenchmark.Percentile(claimsFromStart, 0.99),
            ReviewBenchmark.Percentile(reads, 0.50), ReviewBenchmark.Percentile(reads, 0.99));
    }

    static Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string path, AuthenticationHeaderValue bearer, HttpContent? content, CancellationToken ct)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Authorization = bearer;
        return http.SendAsync(request, ct);
    }

    /// <summary>The queue page and a case page as a signed-in officer's browser asks for them, one after another: p95 of each.</summary>
    static async Task<(double Queue, double Case)> PagesAsync(string address, (string User, string Token) officer, string password, CancellationToken ct)
    {
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = new Uri(address) };
        var signIn = await browser.GetStringAsync("/", ct);
        var token = AntiforgeryField().Match(signIn).Groups[1].Value;
        using (var posted = await browser.PostAsync("/", new FormUrlEncodedContent(new Dictionary<string, string>
               { ["username"] = officer.User, ["password"] = password, ["__RequestVerificationToken"] = token }), ct))
            if (posted.StatusCode != HttpStatusCode.Redirect)
                throw new InvalidOperationException($"Signing in as {officer.User} answered {(int)posted.StatusCode}.");

        var queue = await TimeAsync(browser, "/queue", ct);
        // A case page of a task in the officer's queue (open ones are readable before claiming).
        var page = await browser.GetStringAsync("/queue", ct);
        var taskLink = TaskLink().Match(page);
        var @case = taskLink.Success ? await TimeAsync(browser, taskLink.Groups[1].Value, ct) : double.NaN;
        return (queue, @case);
    }

    static async Task<double> TimeAsync(HttpClient browser, string path, CancellationToken ct)
    {
        var times = new List<double>();
        for (var i = 0; i < PageRequests; i++)
        {
            var t = Stopwatch.StartNew();
            using var response = await browser.GetAsync(path, ct);
            response.EnsureSuccessStatusCode();
            await response.Content.ReadAsByteArrayAsync(ct);
            if (i >= PageRequests / 10)
                times.Add(t.Elapsed.TotalMilliseconds);
        }
        return ReviewBenchmark.Percentile(times, 0.95);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex("href=\"(/tasks/\\d+)\"")]
    private static partial Regex TaskLink();
}
