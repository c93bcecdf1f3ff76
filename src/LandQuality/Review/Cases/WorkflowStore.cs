using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using LandQuality.Data;
using LandQuality.Review.Definitions;
using Microsoft.EntityFrameworkCore;

namespace LandQuality.Review.Cases;

/// <summary>
/// Workflow definition versions in PostgreSQL, seeded from the shipped <c>workflows/</c> files. A
/// version is immutable once stored, so its parsed definition is cached for the process's life.
/// </summary>
public sealed class WorkflowStore(Database database)
{
    static readonly ConcurrentDictionary<(string, int), WorkflowDefinition> Cache = new();

    /// <summary>Stores shipped versions not yet in the database; the highest version of each workflow is the published one.</summary>
    public static async Task SeedAsync(Database database, CancellationToken ct)
    {
        await using var db = database.CreateContext();
        foreach (var (id, version, content) in ShippedWorkflows.All)
        {
            if (await db.WorkflowDefinitions.AnyAsync(w => w.WorkflowId == id && w.Version == version, ct))
                continue;
            WorkflowFile.Parse(content).OrThrow($"workflows/{id}/{version}.json");
            db.WorkflowDefinitions.Add(new WorkflowDefinitionVersion
            {
                WorkflowId = id, Version = version, Content = content, CreatedAt = DateTimeOffset.UtcNow,
                ContentHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content))),
            });
        }
        // Every command opens the database: write nothing unless a shipped version was new.
        if (await db.SaveChangesAsync(ct) == 0)
            return;
        await db.Database.ExecuteSqlRawAsync("""
            UPDATE workflow_definitions w SET is_published = (w.version = (SELECT max(version) FROM workflow_definitions x WHERE x.workflow_id = w.workflow_id))
            """, ct);
    }

    public async Task<WorkflowDefinition> GetAsync(string id, int version, CancellationToken ct)
    {
        if (Cache.TryGetValue((id, version), out var cached))
            return cached;
        await using var db = database.CreateContext();
        var row = await db.WorkflowDefinitions.AsNoTracking().SingleOrDefaultAsync(w => w.WorkflowId == id && w.Version == version, ct)
            ?? throw new InvalidOperationException($"Workflow {id} has no version {version}.");
        return Cache.GetOrAdd((id, version), WorkflowFile.Parse(row.Content).OrThrow($"{id} v{version}"));
    }

    public async Task<WorkflowDefinition> GetPublishedAsync(string id, CancellationToken ct)
    {
        await using var db = database.CreateContext();
        var version = await db.WorkflowDefinitions.Where(w => w.WorkflowId == id && w.IsPublished).Select(w => (int?)w.Version).SingleOrDefaultAsync(ct)
            ?? throw new InvalidOperationException($"Workflow {id} has no published version.");
        return await GetAsync(id, version, ct);
    }
}
