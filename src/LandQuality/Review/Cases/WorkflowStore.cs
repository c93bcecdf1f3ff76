using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using LandQuality.Data;
using LandQuality.Review.Definitions;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace LandQuality.Review.Cases;

/// <summary>A workflow file that may not be stored: every problem, with its position in the file; nothing was written.</summary>
public sealed class WorkflowRejectedException(IReadOnlyList<WorkflowProblem> problems)
    : Exception("The workflow was not accepted:\n  " + string.Join("\n  ", problems))
{
    public IReadOnlyList<WorkflowProblem> Problems { get; } = problems;
}

/// <summary>What <see cref="WorkflowStore.AddAsync"/> did: stored a new version, or found the same content stored already.</summary>
public sealed record WorkflowAdded(WorkflowDefinitionVersion Version, bool AlreadyStored);

/// <summary>
/// Workflow definition versions in PostgreSQL, seeded from the shipped <c>workflows/</c> files and
/// added by policy staff (<c>lq workflows add</c>). A version is immutable once stored, so its parsed
/// definition is cached for the process's life; only which version is published moves. The cache is per database:
/// a process that works on two (the tests, a benchmark beside a demo) may meet one id and version with other content.
/// </summary>
public sealed class WorkflowStore(Database database)
{
    static readonly ConcurrentDictionary<(string Database, string Id, int Version), WorkflowDefinition> Cache = new();

    readonly string _database = DatabaseKey(new NpgsqlConnectionStringBuilder(database.DataSource.ConnectionString));

    static string DatabaseKey(NpgsqlConnectionStringBuilder b) => $"{b.Host}:{b.Port}/{b.Database}";

    /// <summary>
    /// Stores shipped versions not yet in the database. The highest shipped version of each workflow
    /// becomes the published one — unless a person has published a version of that workflow
    /// (<see cref="PublishAsync"/>): their decision stands until they make another.
    /// </summary>
    public static Task SeedAsync(Database database, CancellationToken ct) => SeedAsync(database, ShippedWorkflows.All, ct);

    /// <summary>Seeding from <paramref name="shipped"/> (tests stand in a later release's files).</summary>
    internal static async Task SeedAsync(Database database, IReadOnlyList<(string Id, int Version, string Content)> shipped, CancellationToken ct)
    {
        await using var db = database.CreateContext();
        var added = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (id, version, content) in shipped)
        {
            // A version number taken by an added version keeps the added one (versions are immutable).
            if (await db.WorkflowDefinitions.AnyAsync(w => w.WorkflowId == id && w.Version == version, ct))
                continue;
            WorkflowFile.Parse(content).OrThrow($"workflows/{id}/{version}.json");
            db.WorkflowDefinitions.Add(new WorkflowDefinitionVersion
            {
                WorkflowId = id, Version = version, Content = content, CreatedAt = DateTimeOffset.UtcNow, ContentHash = Hash(content),
            });
            added.Add(id);
        }
        // Every command opens the database: write nothing unless a shipped version was new.
        if (await db.SaveChangesAsync(ct) == 0)
            return;
        foreach (var id in added)
        {
            if (await db.WorkflowPublications.AnyAsync(p => p.WorkflowId == id, ct))
                continue;
            var highest = shipped.Where(w => w.Id == id).Max(w => w.Version);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            // Two statements: one published version per workflow is a unique index, checked row by row.
            await db.WorkflowDefinitions.Where(w => w.WorkflowId == id && w.IsPublished && w.Version != highest)
                .ExecuteUpdateAsync(s => s.SetProperty(w => w.IsPublished, false), ct);
            await db.WorkflowDefinitions.Where(w => w.WorkflowId == id && w.Version == highest && !w.IsPublished)
                .ExecuteUpdateAsync(s => s.SetProperty(w => w.IsPublished, true)
                    .SetProperty(w => w.PublishedAt, DateTimeOffset.UtcNow).SetProperty(w => w.PublishedBy, "(shipped)"), ct);
            await tx.CommitAsync(ct);
        }
    }

    /// <summary>
    /// Checks <paramref name="content"/> and stores it as the next version of the workflow it names, as a
    /// draft. The file must say that number in its <c>version</c> (the content is stored as written, so
    /// it must not contradict its number); content identical to a stored version is that version.
    /// </summary>
    public async Task<WorkflowAdded> AddAsync(string content, string by, string? note, CancellationToken ct)
    {
        var load = WorkflowFile.Parse(content);
        if (load.Definition is not { } definition)
            throw new WorkflowRejectedException(load.Problems);
        var hash = Hash(content);
        await using var db = database.CreateContext();
        if (await db.WorkflowDefinitions.AsNoTracking().FirstOrDefaultAsync(w => w.WorkflowId == definition.Id && w.ContentHash == hash, ct) is { } same)
            return new WorkflowAdded(same, AlreadyStored: true);
        var next = (await db.WorkflowDefinitions.Where(w => w.WorkflowId == definition.Id).MaxAsync(w => (int?)w.Version, ct) ?? 0) + 1;
        if (definition.Version != next)
            throw new WorkflowRejectedException([new WorkflowProblem("version",
                $"is {definition.Version}, but the next version of {definition.Id} is {next}: write \"version\": {next}")]);
        var row = new WorkflowDefinitionVersion
        {
            WorkflowId = definition.Id, Version = next, Content = content, ContentHash = hash, CreatedAt = DateTimeOffset.UtcNow,
            CreatedBy = by, Note = note,
        };
        db.WorkflowDefinitions.Add(row);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            throw new WorkflowRejectedException([new WorkflowProblem("version", $"{definition.Id} version {next} was stored meanwhile by someone else; add again")]);
        }
        return new WorkflowAdded(row, AlreadyStored: false);
    }

    /// <summary>
    /// Makes <paramref name="version"/> the published version of the workflow, recorded with who and when.
    /// New cases are opened on it; cases already open stay on the version they were opened with.
    /// </summary>
    public async Task<WorkflowPublication> PublishAsync(string id, int version, string by, CancellationToken ct)
    {
        await using var db = database.CreateContext();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Two publishers at once: the second waits and then sees the first's decision as the previous one.
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext('lq:workflows:publish'), hashtext({id}))", ct);
        var target = await db.WorkflowDefinitions.SingleOrDefaultAsync(w => w.WorkflowId == id && w.Version == version, ct)
            ?? throw new InvalidOperationException(await NoSuchVersionAsync(db, id, version, ct));
        // Stored versions were checked when stored; checked again in case the validator grew stricter since.
        WorkflowFile.Parse(target.Content).OrThrow($"{id} v{version}");
        var current = await db.WorkflowDefinitions.SingleOrDefaultAsync(w => w.WorkflowId == id && w.IsPublished, ct);
        var now = DateTimeOffset.UtcNow;
        if (current is not null && current.Version != version)
        {
            current.IsPublished = false;
            await db.SaveChangesAsync(ct); // unpublish first: one published version per workflow is a unique index
        }
        (target.IsPublished, target.PublishedAt, target.PublishedBy) = (true, now, by);
        var publication = new WorkflowPublication { WorkflowId = id, Version = version, PreviousVersion = current?.Version, PublishedBy = by, PublishedAt = now };
        db.WorkflowPublications.Add(publication);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return publication;
    }

    /// <summary>Every stored version, by workflow then version, with the number of cases pinned to each.</summary>
    public async Task<List<(WorkflowDefinitionVersion Version, long Cases, long OpenCases)>> ListAsync(string? id, CancellationToken ct)
    {
        await using var db = database.CreateContext();
        var rows = await db.WorkflowDefinitions.AsNoTracking().Where(w => id == null || w.WorkflowId == id)
            .OrderBy(w => w.WorkflowId).ThenBy(w => w.Version).ToListAsync(ct);
        var counts = await db.ReviewCases.GroupBy(c => new { c.WorkflowId, c.WorkflowVersion })
            .Select(g => new { g.Key.WorkflowId, g.Key.WorkflowVersion, All = g.LongCount(), Open = g.LongCount(c => c.Status == CaseStatus.Open) })
            .ToDictionaryAsync(c => (c.WorkflowId, c.WorkflowVersion), c => (c.All, c.Open), ct);
        return rows.Select(r => counts.TryGetValue((r.WorkflowId, r.Version), out var n) ? (r, n.All, n.Open) : (r, 0L, 0L)).ToList();
    }

    public async Task<WorkflowDefinition> GetAsync(string id, int version, CancellationToken ct)
    {
        if (Cache.TryGetValue((_database, id, version), out var cached))
            return cached;
        await using var db = database.CreateContext();
        var row = await db.WorkflowDefinitions.AsNoTracking().SingleOrDefaultAsync(w => w.WorkflowId == id && w.Version == version, ct)
            ?? throw new InvalidOperationException($"Workflow {id} has no version {version}.");
        return Cached(_database, id, version, row.Content);
    }

    /// <summary>The same, read on the caller's connection inside its transaction (for code that holds a connection, not a <see cref="Database"/>).</summary>
    public static async Task<WorkflowDefinition> GetAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string id, int version, CancellationToken ct)
    {
        var where = $"{conn.Host}:{conn.Port}/{conn.Database}";
        if (Cache.TryGetValue((where, id, version), out var cached))
            return cached;
        await using var cmd = new NpgsqlCommand("SELECT content FROM workflow_definitions WHERE workflow_id = $1 AND version = $2", conn, tx)
        {
            Parameters = { new NpgsqlParameter<string> { TypedValue = id }, new NpgsqlParameter<int> { TypedValue = version } },
        };
        var content = await cmd.ExecuteScalarAsync(ct) as string ?? throw new InvalidOperationException($"Workflow {id} has no version {version}.");
        return Cached(where, id, version, content);
    }

    static WorkflowDefinition Cached(string where, string id, int version, string content) =>
        Cache.GetOrAdd((where, id, version), _ => WorkflowFile.Parse(content).OrThrow($"{id} v{version}"));

    public async Task<WorkflowDefinition> GetPublishedAsync(string id, CancellationToken ct)
    {
        await using var db = database.CreateContext();
        var version = await db.WorkflowDefinitions.Where(w => w.WorkflowId == id && w.IsPublished).Select(w => (int?)w.Version).SingleOrDefaultAsync(ct)
            ?? throw new InvalidOperationException($"Workflow {id} has no published version.");
        return await GetAsync(id, version, ct);
    }

    static async Task<string> NoSuchVersionAsync(LandQualityDbContext db, string id, int version, CancellationToken ct)
    {
        var versions = await db.WorkflowDefinitions.Where(w => w.WorkflowId == id).OrderBy(w => w.Version).Select(w => w.Version).ToListAsync(ct);
        return versions.Count == 0 ? $"There is no workflow {id}." : $"Workflow {id} has no version {version}; versions: {string.Join(", ", versions)}.";
    }

    static string Hash(string content) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
}
