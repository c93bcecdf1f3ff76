using System.Text;
using LandQuality.Data;
using LandQuality.Interchange;

namespace LandQuality.Cli;

/// <summary>
/// The demo's second export from the registry office, a day later: every parcel again (parcels.csv), most of them
/// unchanged, some corrected at the office (the ones whose only errors a parcel row can fix: a missing or stale
/// update date, a legal area off the surveyed one, a certificate without serial) and a few newly recorded wrong (their
/// update date left out). Imported, it shows the daily cycle: only the changed parcels are evaluated, the corrected
/// ones' cases close and the broken ones' open.
/// </summary>
static class DemoSecondExport
{
    public sealed record Written(string Directory, int Corrected, int Broken);

    /// <summary>The rules a parcel row alone can satisfy, and how: the row's fields the correction rewrites.</summary>
    static readonly string[] Fixable = ["missing_updated_on", "stale_record", "area_mismatch", "missing_certificate_serial"];

    public static async Task<Written> WriteAsync(Database database, string firstExport, CancellationToken ct)
    {
        var parcels = await CountAsync(database, ct);
        // Half a percent each way: a day's work at the office, well inside the 1 % a daily sync is measured at.
        var each = (int)Math.Max(5, parcels / 200);
        var corrections = await PickAsync(database, $"""
            SELECT s.parcel_id, s.failing FROM parcel_status s JOIN review_cases c ON c.parcel_id = s.parcel_id AND c.status = 'Open'
            WHERE s.errors > 0 AND string_to_array(s.failing, ',') <@ $1 ORDER BY md5(s.parcel_id) LIMIT {each}
            """, ct, Fixable);
        var breaks = await PickAsync(database, $"""
            SELECT s.parcel_id, '' FROM parcel_status s JOIN parcels p ON p.parcel_id = s.parcel_id
            WHERE s.correct AND s.sufficient AND s.clean AND s.alive AND p.retired_at IS NULL
              AND NOT EXISTS (SELECT 1 FROM review_cases c WHERE c.parcel_id = s.parcel_id)
            ORDER BY md5(s.parcel_id || 'x') LIMIT {each}
            """, ct, null);

        var dir = Path.Combine(CliDatabase.Home, "data", "demo-second-export");
        if (Directory.Exists(dir))
            Directory.Delete(dir, recursive: true);
        Directory.CreateDirectory(dir);
        var (corrected, broken) = (0, 0);
        using var reader = new StreamReader(Path.Combine(firstExport, InterchangeFiles.Parcels), Encoding.UTF8);
        await using var writer = new StreamWriter(Path.Combine(dir, InterchangeFiles.Parcels), append: false, new UTF8Encoding(false));
        var header = (await reader.ReadLineAsync(ct))!;
        await writer.WriteLineAsync(header);
        var columns = Split(header)!;
        int At(string name) => columns.IndexOf(name);
        var (updatedOn, area, legalArea, serial) = (At("updated_on"), At("area_m2"), At("legal_area_m2"), At("certificate_serial"));
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            var id = line[..Math.Max(0, line.IndexOf(',', StringComparison.Ordinal))];
            var fix = corrections.GetValueOrDefault(id);
            var isBreak = fix is null && breaks.ContainsKey(id);
            // A record spread over several lines (a quoted line break) is passed on as it is.
            if ((fix is null && !isBreak) || Split(line) is not { } fields || fields.Count != columns.Count)
            {
                await writer.WriteLineAsync(line);
                continue;
            }
            if (isBreak)
            {
                fields[updatedOn] = "";
                broken++;
            }
            else
            {
                foreach (var rule in fix!.Split(','))
                    switch (rule)
                    {
                        case "missing_updated_on" or "stale_record": fields[updatedOn] = "2026-11-30"; break;
                        case "area_mismatch": fields[legalArea] = fields[area]; break;
                        case "missing_certificate_serial": fields[serial] = $"DE {id[Math.Max(0, id.Length - 6)..]}"; break;
                    }
                corrected++;
            }
            await writer.WriteLineAsync(string.Join(',', fields.Select(Quote)));
        }
        return new Written(dir, corrected, broken);
    }

    static async Task<long> CountAsync(Database database, CancellationToken ct)
    {
        await using var cmd = database.Batch.CreateCommand("SELECT count(*) FROM parcels WHERE retired_at IS NULL");
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    static async Task<Dictionary<string, string>> PickAsync(Database database, string sql, CancellationToken ct, string[]? parameter)
    {
        await using var cmd = database.Batch.CreateCommand(sql);
        if (parameter is not null)
            cmd.Parameters.Add(new Npgsql.NpgsqlParameter<string[]> { TypedValue = parameter });
        var picked = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            picked[r.GetString(0)] = r.GetString(1);
        return picked;
    }

    /// <summary>One RFC 4180 line's fields; null when a quote is left open (the record goes on in the next line).</summary>
    static List<string>? Split(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c != '"')
                    field.Append(c);
                else if (i + 1 < line.Length && line[i + 1] == '"')
                    field.Append(line[++i]);
                else
                    quoted = false;
            }
            else if (c == '"')
                quoted = true;
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
                field.Append(c);
        }
        fields.Add(field.ToString());
        return quoted ? null : fields;
    }

    static string Quote(string field) => field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{field.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : field;
}
