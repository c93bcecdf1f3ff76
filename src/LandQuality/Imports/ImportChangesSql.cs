using LandQuality.Audit;

namespace LandQuality.Imports;

/// <summary>
/// What an import changed, parcel by parcel, for the parcels' hash chains: each merge statement also
/// notes into <c>import_changes</c> the parcels it created and, for the ones that existed, each field
/// it changed with the value before and after and the file and line it came from. A statement that
/// writes a table reads that table's old values in the same statement (one snapshot, taken before its
/// writes), so only changed rows are compared twice. <see cref="AppendEntries"/> then writes one
/// <c>imported</c> entry per parcel. Parameter $1 is the import id throughout.
/// </summary>
static class ImportChangesSql
{
    public const string Create = """
        CREATE TEMP TABLE import_changes (
            parcel_id text NOT NULL, file text NOT NULL, line bigint NOT NULL, created boolean NOT NULL,
            field text, before text, after text) ON COMMIT DROP
        """;

    /// <summary>A first load creates every staged parcel.</summary>
    public const string CreatedParcels = """
        INSERT INTO import_changes (parcel_id, file, line, created) SELECT parcel_id, 'parcels.csv', line, true FROM stage_parcels
        """;

    /// <summary>An owner as one readable text, for before and after.</summary>
    public static string OwnerText(string alias) =>
        $"concat_ws(' | ', {alias}.full_name, coalesce({alias}.birth_date::text, {alias}.birth_year::text), {alias}.gender, {alias}.id_number, {alias}.share::text)";

    /// <summary>Owners loaded into an empty table: listed as added on parcels this import did not create (those say "created").</summary>
    public static readonly string FirstLoadOwners = $"""
        INSERT INTO import_changes (parcel_id, file, line, created, field, after)
        SELECT o.parcel_id, 'owners.csv', o.line, false, 'owners[' || o.seq || ']', {OwnerText("o")}
        FROM (SELECT s.*, row_number() OVER (PARTITION BY parcel_id ORDER BY line) AS seq FROM stage_owners s) o
        WHERE NOT EXISTS (SELECT 1 FROM import_changes c WHERE c.parcel_id = o.parcel_id AND c.created)
        """;

    /// <summary>The parcels' own fields whose change an entry records, as in the interchange file.</summary>
    static readonly (string Field, string Column)[] ParcelFields =
    [
        ("commune_code", "commune_code"), ("map_sheet", "map_sheet"), ("parcel_no", "parcel_no"), ("address", "address"),
        ("area_m2", "area_m2"), ("legal_area_m2", "legal_area_m2"), ("land_use_term", "land_use_term"),
        ("land_use_origin", "land_use_origin"), ("geometry_wkt", "geometry_wkt"), ("updated_on", "updated_on"),
    ];

    /// <summary>
    /// Notes the parcels an upsert of parcels.csv created and each field it changed: <paramref name="upsertReturning"/>
    /// is the upsert, returning <c>parcel_id</c> and <c>inserted</c>; its values are read back from stage_parcels
    /// and the old ones from parcels (the statement's snapshot precedes its own writes).
    /// </summary>
    public static string ChangedParcels(string upsertReturning) => $"""
        WITH r AS ({upsertReturning}),
        touched AS (INSERT INTO touched_parcels SELECT parcel_id FROM r WHERE NOT inserted ON CONFLICT DO NOTHING),
        created AS (
            INSERT INTO import_changes (parcel_id, file, line, created)
            SELECT s.parcel_id, 'parcels.csv', s.line, true FROM r JOIN stage_parcels s ON s.parcel_id = r.parcel_id WHERE r.inserted),
        changed AS (
            INSERT INTO import_changes (parcel_id, file, line, created, field, before, after)
            SELECT s.parcel_id, 'parcels.csv', s.line, false, f.field, f.before, f.after
            FROM r JOIN stage_parcels s ON s.parcel_id = r.parcel_id JOIN parcels p ON p.parcel_id = r.parcel_id
            CROSS JOIN LATERAL (VALUES {string.Join(", ", ParcelFields.Select(f => $"('{f.Field}', p.{f.Column}::text, s.{f.Column}::text)"))}) AS f(field, before, after)
            WHERE NOT r.inserted AND f.before IS DISTINCT FROM f.after)
        SELECT count(*) FILTER (WHERE inserted) FROM r
        """;

    /// <summary>
    /// Land use and certificate of parcels that existed, before the details merge changes them: compared as
    /// the text a reviewer reads (<c>ODT:120;CLN:85.5</c>), only for the parcels whose details differ.
    /// </summary>
    public const string ChangedDetails = """
        WITH s AS (
            SELECT s.parcel_id, s.line,
                   (SELECT string_agg(u.code || ':' || u.area_m2::text, ';' ORDER BY u.seq)
                    FROM unnest(s.purpose_codes, s.purpose_areas) WITH ORDINALITY AS u(code, area_m2, seq)) AS land_use,
                   s.certificate_serial, s.certificate_book_no, s.certificate_issued_on::text AS certificate_issued_on
            FROM stage_parcels s JOIN parcels p ON p.parcel_id = s.parcel_id),
        old AS (
            SELECT s.*, (SELECT string_agg(pp.code || ':' || pp.area_m2::text, ';' ORDER BY pp.seq) FROM parcel_purposes pp WHERE pp.parcel_id = s.parcel_id) AS old_land_use,
                   c.serial AS old_serial, c.book_no AS old_book_no, c.issued_on::text AS old_issued_on
            FROM s LEFT JOIN certificates c ON c.parcel_id = s.parcel_id)
        INSERT INTO import_changes (parcel_id, file, line, created, field, before, after)
        SELECT o.parcel_id, 'parcels.csv', o.line, false, f.field, f.before, f.after
        FROM old o CROSS JOIN LATERAL (VALUES ('land_use', o.old_land_use, o.land_use), ('certificate_serial', o.old_serial, o.certificate_serial),
                                              ('certificate_book_no', o.old_book_no, o.certificate_book_no),
                                              ('certificate_issued_on', o.old_issued_on, o.certificate_issued_on)) AS f(field, before, after)
        WHERE f.before IS DISTINCT FROM f.after
        """;

    /// <summary>Owners of parcels that existed, before the owners merge: rows added, changed or no longer listed.</summary>
    public static readonly string ChangedOwners = $"""
        WITH n AS (
            SELECT s.parcel_id, s.line, row_number() OVER (PARTITION BY s.parcel_id ORDER BY s.line) AS seq, {OwnerText("s")} AS owner
            FROM stage_owners s),
        touched AS (SELECT DISTINCT parcel_id FROM stage_owners),
        o AS (SELECT o.parcel_id, o.seq, {OwnerText("o")} AS owner FROM owners o JOIN touched t ON t.parcel_id = o.parcel_id)
        INSERT INTO import_changes (parcel_id, file, line, created, field, before, after)
        SELECT coalesce(n.parcel_id, o.parcel_id), 'owners.csv', coalesce(n.line, 0), false, 'owners[' || coalesce(n.seq, o.seq) || ']', o.owner, n.owner
        FROM n FULL JOIN o ON o.parcel_id = n.parcel_id AND o.seq = n.seq
        WHERE o.owner IS DISTINCT FROM n.owner
          AND NOT EXISTS (SELECT 1 FROM import_changes c WHERE c.parcel_id = coalesce(n.parcel_id, o.parcel_id) AND c.created)
        """;

    /// <summary>
    /// One <c>imported</c> entry per parcel the import created or changed: the import, each file and line,
    /// and the changed fields as <c>{"field": [before, after]}</c>. $1 the time, $2 the actor, $3 the kind, $4 the import.
    /// </summary>
    public static readonly string AppendEntries = AuditChain.AppendManySql("""
        SELECT parcel_id, json_build_object(
                   'import_id', $4::bigint, 'created', bool_or(created),
                   'lines', json_agg(DISTINCT jsonb_build_object('file', file, 'line', line)),
                   'changes', coalesce(json_object_agg(field, json_build_array(before, after)) FILTER (WHERE field IS NOT NULL), '{}'::json)
               )::text AS payload
        FROM import_changes GROUP BY parcel_id
        """);
}
