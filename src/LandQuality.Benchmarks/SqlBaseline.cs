using System.Diagnostics;
using LandQuality.Reference;
using Npgsql;

namespace LandQuality.Benchmarks;

/// <summary>
/// What a user of SQL-pushdown data-quality tools would run instead: the rules of the default set
/// that plain SQL can express (no Vietnamese name normalisation, no CCCD structure, no geometry),
/// as one statement scanning the land tables inside PostgreSQL and storing the failing keys.
/// Written with pre-aggregated hash joins, which is the fast way to write it.
/// </summary>
static class SqlBaseline
{
    public const int RuleCount = 17;

    const string Sql = """
        INSERT INTO sql_findings (parcel_id, rule)
        WITH pu AS (
            SELECT pp.parcel_id, count(*) AS n, sum(pp.area_m2) AS total, bool_or(lu.code IS NULL) AS unknown, bool_or(lu.is_legacy) AS legacy
            FROM parcel_purposes pp LEFT JOIN land_use_codes lu ON lu.version = $1 AND lu.code = pp.code
            GROUP BY pp.parcel_id),
        ow AS (
            SELECT o.parcel_id, bool_or(o.id_number IS NULL) AS no_id,
                   bool_or(o.id_number !~ '^([0-9]{9}|[0-9]{12})$') AS malformed, bool_or(o.id_number ~ '^[0-9]{9}$') AS cmnd,
                   bool_or(o.id_number IS NOT NULL AND r.id_number IS NULL) AS not_found, bool_or(r.status = 'deceased') AS deceased,
                   bool_or(o.gender <> r.gender) AS gender_differs,
                   bool_or(CASE WHEN o.birth_date IS NOT NULL THEN o.birth_date <> r.birth_date
                                ELSE o.birth_year <> extract(year FROM r.birth_date) END) AS birth_differs
            FROM owners o LEFT JOIN population_records r ON r.id_number = o.id_number
            GROUP BY o.parcel_id),
        dup AS (SELECT commune_code, map_sheet, parcel_no FROM parcels GROUP BY 1, 2, 3 HAVING count(*) > 1)
        SELECT p.parcel_id, x.rule
        FROM parcels p
        LEFT JOIN certificates c ON c.parcel_id = p.parcel_id
        LEFT JOIN pu ON pu.parcel_id = p.parcel_id
        LEFT JOIN ow ON ow.parcel_id = p.parcel_id
        LEFT JOIN dup d ON d.commune_code = p.commune_code AND d.map_sheet = p.map_sheet AND d.parcel_no = p.parcel_no
        CROSS JOIN LATERAL (VALUES
            ('missing_owner', ow.parcel_id IS NULL),
            ('missing_id_number', coalesce(ow.no_id, false)),
            ('missing_certificate_serial', c.serial IS NULL),
            ('missing_land_use', pu.parcel_id IS NULL),
            ('missing_area', coalesce(p.area_m2, 0) = 0),
            ('malformed_id_number', coalesce(ow.malformed, false)),
            ('owner_not_in_registry', coalesce(ow.not_found, false)),
            ('deceased_owner', coalesce(ow.deceased, false)),
            ('legacy_cmnd', coalesce(ow.cmnd, false)),
            ('unknown_land_use_code', coalesce(pu.unknown, false)),
            ('legacy_land_use_code', coalesce(pu.legacy, false)),
            ('purpose_area_mismatch', coalesce(abs(pu.total - p.area_m2) > 1, false)),
            ('area_mismatch', coalesce(abs(p.area_m2 - p.legal_area_m2) > 0.05 * greatest(p.area_m2, p.legal_area_m2), false)),
            ('duplicate_parcel_key', d.commune_code IS NOT NULL),
            ('placeholder_date', coalesce(p.updated_on IN ('1900-01-01', '1970-01-01') OR c.issued_on IN ('1900-01-01', '1970-01-01'), false)),
            ('gender_differs', coalesce(ow.gender_differs, false)),
            ('birth_date_differs', coalesce(ow.birth_differs, false))) AS x(rule, failed)
        WHERE x.failed
        """;

    public static async Task<(double Seconds, long Findings)> RunAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using (var create = new NpgsqlCommand("DROP TABLE IF EXISTS sql_findings; CREATE TABLE sql_findings (parcel_id text, rule text)", conn))
            await create.ExecuteNonQueryAsync(ct);
        var clock = Stopwatch.StartNew();
        await using var cmd = new NpgsqlCommand(Sql, conn) { Parameters = { new NpgsqlParameter<string> { TypedValue = ReferenceData.CurrentVersion } } };
        var rows = await cmd.ExecuteNonQueryAsync(ct);
        var seconds = clock.Elapsed.TotalSeconds;
        await using (var drop = new NpgsqlCommand("DROP TABLE sql_findings", conn))
            await drop.ExecuteNonQueryAsync(ct);
        return (seconds, rows);
    }
}
