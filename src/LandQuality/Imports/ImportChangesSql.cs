using LandQuality.Audit;
using LandQuality.Review.Cases;

namespace LandQuality.Imports;

/// <summary>
/// What an import changed, parcel by parcel, for the parcels' hash chains: the merge statements also
/// note into <c>import_changes</c> the parcels they created and, for parcels that existed, each field
/// they changed with the value before and after and the file and line it came from. A statement that
/// writes a table reads that table's old values in the same statement (one snapshot, taken before its
/// writes), and only for the rows its writes returned, so an import that changes nothing compares
/// nothing twice. Owners and land use are noted in the text forms of corrections (<see cref="CorrectionText"/>),
/// so the history shows an import's change and a reviewer's alike. <see cref="AppendEntries"/> then writes
/// one <c>imported</c> entry per parcel.
/// Parameter $1 is the import id throughout the merge statements.
/// </summary>
static class ImportChangesSql
{
    /// <summary>A row without a line is an owner the file no longer lists.</summary>
    public const string Create = """
        CREATE TEMP TABLE import_changes (
            parcel_id text NOT NULL, file text NOT NULL, line bigint, created boolean NOT NULL,
            field text, before text, after text) ON COMMIT DROP
        """;

    /// <summary>True when a staged parcel has a chain already: a history that outlived its emptied table.</summary>
    public const string AnyStagedParcelHasChain = """
        SELECT EXISTS (SELECT 1 FROM audit_heads h WHERE h.parcel_id IN (SELECT parcel_id FROM stage_parcels))
        """;

    /// <summary>A first load creates every staged parcel.</summary>
    public const string CreatedParcels = """
        INSERT INTO import_changes (parcel_id, file, line, created) SELECT parcel_id, 'parcels.csv', line, true FROM stage_parcels
        """;

    /// <summary>Owners loaded into an empty table for parcels that existed before this import: each listed as added.</summary>
    public static readonly string FirstLoadOwners = $"""
        INSERT INTO import_changes (parcel_id, file, line, created, field, after)
        SELECT o.parcel_id, 'owners.csv', o.line, false, 'owners[' || o.seq || ']', {CorrectionText.OwnerSql("o")}
        FROM (SELECT s.*, row_number() OVER (PARTITION BY parcel_id ORDER BY line) AS seq FROM stage_owners s) o
        WHERE NOT EXISTS (SELECT 1 FROM import_changes c WHERE c.parcel_id = o.parcel_id AND c.created)
        """;

    /// <summary>The parcels' own fields whose change an entry records, as in the interchange file.</summary>
    static readonly string[] ParcelFields =
        ["commune_code", "map_sheet", "parcel_no", "address", "area_m2", "legal_area_m2", "land_use_term", "land_use_origin", "geometry_wkt", "updated_on"];

    /// <summary>
    /// A staged field's text as the parcels table will hold it: the areas are stored with two decimals, so an
    /// unchanged "300" is "300.00" there and must not count as a change.
    /// </summary>
    static string StoredText(string field) => field is "area_m2" or "legal_area_m2" ? $"s.{field}::numeric(14,2)::text" : $"s.{field}::text";

    /// <summary>
    /// The upsert of parcels.csv (<paramref name="upsertReturning"/>, returning <c>parcel_id</c> and <c>inserted</c>):
    /// counts the new parcels, adds the changed ones to touched_parcels, and notes both, with the old values
    /// from parcels (the statement's snapshot precedes its own writes) and the new ones from stage_parcels.
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
            CROSS JOIN LATERAL (VALUES {string.Join(", ", ParcelFields.Select(f => $"('{f}', p.{f}::text, {StoredText(f)})"))}) AS f(field, before, after)
            WHERE NOT r.inserted AND f.before IS DISTINCT FROM f.after)
        SELECT count(*) FILTER (WHERE inserted) FROM r
        """;

    /// <summary>
    /// Notes, inside the details merge (<see cref="MergeSql.MergeDetailsOfExistingParcels"/>), the land use and
    /// certificate of each parcel whose purposes or certificate that statement changed: CTEs <c>existing</c>,
    /// <c>up</c>, <c>del</c>, <c>cert</c> and <c>cert_del</c> are the merge's own.
    /// </summary>
    public static readonly string NoteChangedDetails = $"""
        land_use_changed AS (SELECT parcel_id FROM up UNION SELECT parcel_id FROM del),
        cert_changed AS (SELECT parcel_id FROM cert UNION SELECT parcel_id FROM cert_del),
        noted_land_use AS (
            INSERT INTO import_changes (parcel_id, file, line, created, field, before, after)
            SELECT e.parcel_id, 'parcels.csv', e.line, false, 'land_use',
                   {CorrectionText.LandUseSql("e.parcel_id")}, {CorrectionText.LandUseSql("e.purpose_codes", "e.purpose_areas")}
            FROM existing e JOIN land_use_changed c ON c.parcel_id = e.parcel_id),
        noted_certificate AS (
            INSERT INTO import_changes (parcel_id, file, line, created, field, before, after)
            SELECT e.parcel_id, 'parcels.csv', e.line, false, f.field, f.before, f.after
            FROM existing e JOIN cert_changed c ON c.parcel_id = e.parcel_id LEFT JOIN certificates old ON old.parcel_id = e.parcel_id
            CROSS JOIN LATERAL (VALUES ('certificate_serial', old.serial, e.certificate_serial), ('certificate_book_no', old.book_no, e.certificate_book_no),
                                       ('certificate_issued_on', old.issued_on::text, e.certificate_issued_on::text)) AS f(field, before, after)
            WHERE f.before IS DISTINCT FROM f.after)
        """;

    /// <summary>
    /// Notes, inside the owners upsert (<see cref="MergeSql.UpsertOwners"/>), each owner row it added or changed on
    /// a parcel this import did not create: CTE <c>r</c> returns the rows written, <c>owners</c> still holds the old ones.
    /// </summary>
    public static readonly string NoteChangedOwners = $"""
        lines AS (
            SELECT s.parcel_id, s.line, row_number() OVER (PARTITION BY s.parcel_id ORDER BY s.line) AS seq
            FROM stage_owners s WHERE s.parcel_id IN (SELECT parcel_id FROM r)),
        noted AS (
            INSERT INTO import_changes (parcel_id, file, line, created, field, before, after)
            SELECT r.parcel_id, 'owners.csv', l.line, false, 'owners[' || r.seq || ']',
                   CASE WHEN o.parcel_id IS NOT NULL THEN {CorrectionText.OwnerSql("o")} END, {CorrectionText.OwnerSql("r")}
            FROM r JOIN lines l ON l.parcel_id = r.parcel_id AND l.seq = r.seq
            LEFT JOIN owners o ON o.parcel_id = r.parcel_id AND o.seq = r.seq
            WHERE NOT EXISTS (SELECT 1 FROM import_changes c WHERE c.parcel_id = r.parcel_id AND c.created))
        """;

    /// <summary>Owners a delete statement returned (CTE <c>d</c>, the deleted rows): noted as removed, with no line.</summary>
    public static readonly string NoteRemovedOwners = $"""
        INSERT INTO import_changes (parcel_id, file, line, created, field, before)
        SELECT d.parcel_id, 'owners.csv', NULL, false, 'owners[' || d.seq || ']', {CorrectionText.OwnerSql("d")} FROM d
        """;

    /// <summary>
    /// One <c>imported</c> entry per parcel the import created or changed (<see cref="Entries"/>), appended to its chain.
    /// </summary>
    public static string AppendEntries(bool wholeTable) => AuditChain.AppendManySql(Entries(wholeTable));

    /// <summary>
    /// <c>parcel_id</c> and <c>payload</c> of each parcel the import created or changed: the import, each file and line,
    /// the changed fields as <c>{"field": [before, after]}</c>, and the parcel's state once the merge is done
    /// (<see cref="ParcelState"/>, which <c>lq audit verify</c> compares with the current fields). A created
    /// parcel has its one line and no changes, so it needs no grouping. $4 is the import. <paramref name="wholeTable"/>
    /// (a first load, when every parcel or owner is new) computes the states of the whole table in one merge-joined
    /// pass; otherwise each parcel's is looked up.
    /// </summary>
    public static string Entries(bool wholeTable)
    {
        string State(string parcelId) => wholeTable ? "st.state" : ParcelState.Of(parcelId);
        string StateJoin(string parcelId) => wholeTable ? $"JOIN ({ParcelState.AllSql}) st ON st.parcel_id = {parcelId}" : "";
        return $$"""
            WITH entries AS (
                SELECT parcel_id, true AS created, json_build_array(json_build_object('file', file, 'line', line)) AS lines, '{}'::json AS changes
                FROM import_changes WHERE created
                UNION ALL
                SELECT parcel_id, false,
                       coalesce(json_agg(DISTINCT jsonb_build_object('file', file, 'line', line)) FILTER (WHERE line IS NOT NULL), '[]'::json),
                       json_object_agg(field, json_build_array(before, after))
                FROM import_changes WHERE NOT created GROUP BY parcel_id)
            SELECT e.parcel_id, {{Payload("$4", "e.created", "e.lines", "e.changes", State("e.parcel_id"))}} AS payload
            FROM entries e {{StateJoin("e.parcel_id")}}
            """;
    }

    /// <summary>
    /// The entries of a first load that created every parcel and changed nothing else (its owners, if imported, went
    /// into an empty table too), when no parcel has a chain yet, for <see cref="AuditChain.StartManyAsync"/>: each records
    /// its creation from its line of parcels.csv, read straight from the staging table, with the state from one
    /// merge-joined pass. The payload is the one <see cref="Entries"/> writes for a created parcel, character for
    /// character. $1 is the import.
    /// </summary>
    public static string FirstEntries() => $"""
        SELECT s.parcel_id,
               {Payload("$1", "true", "json_build_array(json_build_object('file', 'parcels.csv'::text, 'line', s.line))", "'{}'::json", "st.state")} AS payload
        FROM stage_parcels s JOIN ({ParcelState.AllSql}) st ON st.parcel_id = s.parcel_id
        """;

    static string Payload(string importId, string created, string lines, string changes, string state) => AuditChain.WithOperatingSystemUser(
        $"json_build_object('import_id', {importId}::bigint, 'created', {created}, 'lines', {lines}, 'changes', {changes}, 'state', {state})");
}
