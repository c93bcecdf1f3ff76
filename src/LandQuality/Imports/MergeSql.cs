namespace LandQuality.Imports;

/// <summary>
/// The set-based statements that move staged rows into the land tables. Every upsert skips rows
/// whose values did not change, so a re-import of the same files rewrites nothing (and leaves the
/// reviewers' concurrency tokens alone). Parameter $1 is the import id throughout.
/// </summary>
static class MergeSql
{
    /// <summary>Keeps the first row of each key and rejects the later ones, naming the line that won.</summary>
    public static string RejectDuplicates(string stage, string key, string fileName) => $"""
        WITH dup_keys AS (SELECT {key}, min(line) AS first_line FROM {stage} GROUP BY {key} HAVING count(*) > 1),
        dups AS (DELETE FROM {stage} s USING dup_keys d WHERE s.{key} = d.{key} AND s.line > d.first_line
                 RETURNING s.line, s.{key} AS key, d.first_line)
        INSERT INTO import_rejects (import_id, file_name, line, column_name, reason)
        SELECT $1, '{fileName}', line, '{key}', format('{key} %s already appears on line %s; the first occurrence is kept', key, first_line)
        FROM dups
        """;

    /// <summary>
    /// A parcel counts as changed when its row, a purpose or its certificate changed; the ids go to
    /// this table so each changed parcel is counted once.
    /// </summary>
    public const string CreateTouched = "CREATE TEMP TABLE touched_parcels (parcel_id text PRIMARY KEY)";

    /// <summary>
    /// Purposes and certificates of parcels already in the database: update what differs, drop what the file no longer
    /// lists. Run after the upsert of parcels, whose notes in import_changes tell the parcels it created (their details
    /// are <see cref="InsertDetailsOfNewParcels"/>'s): the others are found without a lookup in parcels. A staged parcel's
    /// details are mostly what the database holds (its row changed, not its land use): such rows are left out by a plain
    /// read before the upsert, because ON CONFLICT DO UPDATE locks every conflicting row, which writes its page, even when
    /// its WHERE then updates nothing (about half the statement's time after a 1 % change). The read is a scalar
    /// subquery, so it stays a probe by key per staged row (as NOT EXISTS it became a join over the whole table), and
    /// compares a parcel's whole list of purposes at once: one range probe per parcel, instead of one per purpose and
    /// another for those dropped.
    /// </summary>
    public static readonly string MergeDetailsOfExistingParcels = $$"""
        WITH existing AS (
            SELECT s.* FROM stage_parcels s WHERE NOT EXISTS (SELECT 1 FROM import_changes c WHERE c.parcel_id = s.parcel_id AND c.created)),
        land_use AS MATERIALIZED (
            SELECT e.* FROM existing e
            WHERE (SELECT (array_agg(same.seq ORDER BY same.seq), array_agg(same.code::text ORDER BY same.seq), array_agg(same.area_m2 ORDER BY same.seq))
                   FROM parcel_purposes same WHERE same.parcel_id = e.parcel_id)
                IS DISTINCT FROM
                  (SELECT (array_agg(u.seq::int ORDER BY u.seq), array_agg(u.code ORDER BY u.seq), array_agg(u.area_m2 ORDER BY u.seq))
                   FROM unnest(e.purpose_codes, e.purpose_areas) WITH ORDINALITY AS u(code, area_m2, seq))),
        up AS (
            INSERT INTO parcel_purposes (parcel_id, seq, code, area_m2)
            SELECT e.parcel_id, u.seq, u.code, u.area_m2
            FROM land_use e, unnest(e.purpose_codes, e.purpose_areas) WITH ORDINALITY AS u(code, area_m2, seq)
            ON CONFLICT (parcel_id, seq) DO UPDATE SET code = EXCLUDED.code, area_m2 = EXCLUDED.area_m2
            WHERE (parcel_purposes.code, parcel_purposes.area_m2) IS DISTINCT FROM (EXCLUDED.code, EXCLUDED.area_m2)
            RETURNING parcel_id),
        del AS (
            DELETE FROM parcel_purposes p USING land_use e
            WHERE p.parcel_id = e.parcel_id AND p.seq > cardinality(e.purpose_codes)
            RETURNING p.parcel_id),
        cert AS (
            INSERT INTO certificates (parcel_id, serial, book_no, issued_on)
            SELECT parcel_id, certificate_serial, certificate_book_no, certificate_issued_on FROM existing e
            WHERE (certificate_serial IS NOT NULL OR certificate_book_no IS NOT NULL OR certificate_issued_on IS NOT NULL)
              AND (SELECT (same.serial, same.book_no, same.issued_on)
                          IS NOT DISTINCT FROM (e.certificate_serial, e.certificate_book_no, e.certificate_issued_on)
                   FROM certificates same WHERE same.parcel_id = e.parcel_id) IS NOT TRUE
            ON CONFLICT (parcel_id) DO UPDATE SET serial = EXCLUDED.serial, book_no = EXCLUDED.book_no, issued_on = EXCLUDED.issued_on
            WHERE (certificates.serial, certificates.book_no, certificates.issued_on)
                IS DISTINCT FROM (EXCLUDED.serial, EXCLUDED.book_no, EXCLUDED.issued_on)
            RETURNING parcel_id),
        cert_del AS (
            DELETE FROM certificates c USING existing e
            WHERE c.parcel_id = e.parcel_id
              AND e.certificate_serial IS NULL AND e.certificate_book_no IS NULL AND e.certificate_issued_on IS NULL
            RETURNING c.parcel_id),
        {{ImportChangesSql.NoteChangedDetails}}
        INSERT INTO touched_parcels
        SELECT parcel_id FROM up UNION SELECT parcel_id FROM del UNION SELECT parcel_id FROM cert UNION SELECT parcel_id FROM cert_del
        ON CONFLICT DO NOTHING
        """;

    /// <summary>
    /// The upsert of parcels, returning each new or changed parcel and whether it was new; run through
    /// <see cref="ImportChangesSql.ChangedParcels"/>, which counts the new ones, adds the changed ones to
    /// touched_parcels and notes the changes for the chains.
    /// </summary>
    public const string UpsertParcels = """
        INSERT INTO parcels (parcel_id, commune_code, map_sheet, parcel_no, address, area_m2, legal_area_m2,
                             land_use_term, land_use_origin, geometry_wkt, updated_on, import_id)
        SELECT parcel_id, commune_code, map_sheet, parcel_no, address, area_m2, legal_area_m2,
               land_use_term, land_use_origin, geometry_wkt, updated_on, $1
        FROM stage_parcels
        ON CONFLICT (parcel_id) DO UPDATE SET
            commune_code = EXCLUDED.commune_code, map_sheet = EXCLUDED.map_sheet, parcel_no = EXCLUDED.parcel_no,
            address = EXCLUDED.address, area_m2 = EXCLUDED.area_m2, legal_area_m2 = EXCLUDED.legal_area_m2,
            land_use_term = EXCLUDED.land_use_term, land_use_origin = EXCLUDED.land_use_origin,
            geometry_wkt = EXCLUDED.geometry_wkt, updated_on = EXCLUDED.updated_on, import_id = EXCLUDED.import_id
        WHERE (parcels.commune_code, parcels.map_sheet, parcels.parcel_no, parcels.address, parcels.area_m2,
               parcels.legal_area_m2, parcels.land_use_term, parcels.land_use_origin, parcels.geometry_wkt, parcels.updated_on)
            IS DISTINCT FROM
              (EXCLUDED.commune_code, EXCLUDED.map_sheet, EXCLUDED.parcel_no, EXCLUDED.address, EXCLUDED.area_m2,
               EXCLUDED.legal_area_m2, EXCLUDED.land_use_term, EXCLUDED.land_use_origin, EXCLUDED.geometry_wkt, EXCLUDED.updated_on)
        RETURNING parcel_id, (xmax = 0) AS inserted
        """;

    /// <summary>
    /// Purposes and certificates of the parcels the upsert created (import_changes notes them): the staged rows of
    /// existing parcels are left out before, not each refused by a probe of the primary key.
    /// </summary>
    public const string InsertDetailsOfNewParcels = """
        INSERT INTO parcel_purposes (parcel_id, seq, code, area_m2)
        SELECT s.parcel_id, u.seq, u.code, u.area_m2
        FROM stage_parcels s, unnest(s.purpose_codes, s.purpose_areas) WITH ORDINALITY AS u(code, area_m2, seq)
        WHERE EXISTS (SELECT 1 FROM import_changes c WHERE c.parcel_id = s.parcel_id AND c.created)
        ON CONFLICT DO NOTHING;
        INSERT INTO certificates (parcel_id, serial, book_no, issued_on)
        SELECT parcel_id, certificate_serial, certificate_book_no, certificate_issued_on FROM stage_parcels s
        WHERE (certificate_serial IS NOT NULL OR certificate_book_no IS NOT NULL OR certificate_issued_on IS NOT NULL)
          AND EXISTS (SELECT 1 FROM import_changes c WHERE c.parcel_id = s.parcel_id AND c.created)
        ON CONFLICT DO NOTHING;
        """;

    /// <summary>The parcels go to orphan_parcels too: their owner rows are not in the database, so their row hashes must not be stored.</summary>
    public static readonly string RejectOrphanOwners = $"""
        WITH orphans AS (
            DELETE FROM stage_owners o WHERE NOT EXISTS (SELECT 1 FROM parcels p WHERE p.parcel_id = o.parcel_id)
            RETURNING line, parcel_id),
        noted AS (INSERT INTO orphan_parcels SELECT DISTINCT parcel_id FROM orphans)
        {RejectOrphans}
        """;

    /// <summary>
    /// <see cref="RejectOrphanOwners"/> for a re-import that staged few owner rows: each staged parcel is looked up once, in
    /// key order, so consecutive probes share their index and heap pages (the heap is in the file's key order). Probing every
    /// staged row in staging order read a page from disk for most of them: the parcels' upsert just before has cleared the
    /// visibility bit of the pages it wrote, so nearly half the probes also visit the heap.
    /// </summary>
    public static readonly string RejectOrphanOwnersByKey = $"""
        WITH missing AS (
            SELECT s.parcel_id FROM (SELECT parcel_id FROM stage_owners GROUP BY parcel_id ORDER BY parcel_id) s
            WHERE NOT EXISTS (SELECT 1 FROM parcels p WHERE p.parcel_id = s.parcel_id)),
        orphans AS (
            DELETE FROM stage_owners o USING missing m WHERE o.parcel_id = m.parcel_id
            RETURNING o.line, o.parcel_id),
        noted AS (INSERT INTO orphan_parcels SELECT parcel_id FROM missing)
        {RejectOrphans}
        """;

    /// <summary>The refusal of each owner row the CTE <c>orphans</c> (line, parcel_id) took out of staging.</summary>
    const string RejectOrphans = """
        INSERT INTO import_rejects (import_id, file_name, line, column_name, reason)
        SELECT $1, 'owners.csv', line, 'parcel_id',
               format('parcel_id %s is neither in this import''s parcels.csv nor already in the database', parcel_id)
        FROM orphans
        """;

    /// <summary>
    /// Memory for the rest of a merge that loads a whole table: the sorts of a first load (owners numbered per
    /// parcel, the states of every parcel for its history, the chunks of entries) each hold hundreds of MB for a
    /// province, which PostgreSQL's default work_mem sends to temporary files; the index builds likewise.
    /// </summary>
    const string FirstLoadMemory = "SET LOCAL work_mem = '512MB';\nSET LOCAL maintenance_work_mem = '512MB';\n";

    /// <summary>
    /// First load into an empty table: plain inserts, with the secondary index dropped and built once
    /// afterwards — incremental maintenance of an index in random key order costs several times the
    /// build of the whole index. DDL is transactional, so a failed merge brings the index back. Only
    /// the tables' owner may drop and build an index: the functions import_drop_index and
    /// import_create_index (migration AuditHardening) do it for the application's role, for these two
    /// indexes only, and drop one only while its table is empty.
    /// </summary>
    public const string FirstLoadParcels = FirstLoadMemory + """
        SELECT import_drop_index('ix_parcels_commune_code_map_sheet_parcel_no');
        INSERT INTO parcels (parcel_id, commune_code, map_sheet, parcel_no, address, area_m2, legal_area_m2,
                             land_use_term, land_use_origin, geometry_wkt, updated_on, import_id)
        SELECT parcel_id, commune_code, map_sheet, parcel_no, address, area_m2, legal_area_m2,
               land_use_term, land_use_origin, geometry_wkt, updated_on, $1
        FROM stage_parcels;
        -- The arrays unnested side by side in the select list: as a lateral join, the planner caches each distinct
        -- pair of arrays (Memoize), at several times the cost of the unnesting itself.
        INSERT INTO parcel_purposes (parcel_id, seq, code, area_m2)
        SELECT parcel_id, generate_subscripts(purpose_codes, 1), unnest(purpose_codes), unnest(purpose_areas)
        FROM stage_parcels;
        INSERT INTO certificates (parcel_id, serial, book_no, issued_on)
        SELECT parcel_id, certificate_serial, certificate_book_no, certificate_issued_on FROM stage_parcels
        WHERE certificate_serial IS NOT NULL OR certificate_book_no IS NOT NULL OR certificate_issued_on IS NOT NULL;
        SELECT import_create_index('ix_parcels_commune_code_map_sheet_parcel_no');
        """;

    public const string FirstLoadOwners = FirstLoadMemory + """
        SELECT import_drop_index('ix_owners_id_number');
        INSERT INTO owners (parcel_id, seq, full_name, birth_date, birth_year, gender, id_number, share, import_id)
        SELECT parcel_id, row_number() OVER (PARTITION BY parcel_id ORDER BY line), full_name, birth_date, birth_year,
               gender, id_number, share, $1
        FROM stage_owners;
        SELECT import_create_index('ix_owners_id_number');
        """;

    public const string FirstLoadPopulation = FirstLoadMemory + """
        INSERT INTO population_records (id_number, full_name, birth_date, gender, permanent_address, status, import_id)
        SELECT id_number, full_name, birth_date, gender, permanent_address, status, $1 FROM stage_population
        ORDER BY id_number -- key order keeps the primary-key inserts sequential
        """;

    /// <summary>
    /// An owner's position is its order among the parcel's rows in the file; changed owners are noted for the chains.
    /// A parcel's owner rows are staged together when one of them changed: those equal to the database's are left out
    /// by a plain read first, as in <see cref="MergeDetailsOfExistingParcels"/> (ON CONFLICT would lock each).
    /// </summary>
    public static readonly string UpsertOwners = $$"""
        WITH r AS (
            INSERT INTO owners (parcel_id, seq, full_name, birth_date, birth_year, gender, id_number, share, import_id)
            SELECT s.parcel_id, s.seq, s.full_name, s.birth_date, s.birth_year, s.gender, s.id_number, s.share, $1
            FROM (SELECT *, row_number() OVER (PARTITION BY parcel_id ORDER BY line) AS seq FROM stage_owners) s
            WHERE (SELECT (same.full_name, same.birth_date, same.birth_year, same.gender, same.id_number, same.share)
                          IS NOT DISTINCT FROM (s.full_name, s.birth_date, s.birth_year, s.gender, s.id_number, s.share)
                   FROM owners same WHERE same.parcel_id = s.parcel_id AND same.seq = s.seq) IS NOT TRUE
            ON CONFLICT (parcel_id, seq) DO UPDATE SET
                full_name = EXCLUDED.full_name, birth_date = EXCLUDED.birth_date, birth_year = EXCLUDED.birth_year,
                gender = EXCLUDED.gender, id_number = EXCLUDED.id_number, share = EXCLUDED.share, import_id = EXCLUDED.import_id
            WHERE (owners.full_name, owners.birth_date, owners.birth_year, owners.gender, owners.id_number, owners.share)
                IS DISTINCT FROM (EXCLUDED.full_name, EXCLUDED.birth_date, EXCLUDED.birth_year, EXCLUDED.gender,
                                  EXCLUDED.id_number, EXCLUDED.share)
            RETURNING parcel_id, seq, full_name, birth_date, birth_year, gender, id_number, share, (xmax = 0) AS inserted),
        {{ImportChangesSql.NoteChangedOwners}}
        SELECT count(*) FILTER (WHERE inserted) AS inserted, count(*) FILTER (WHERE NOT inserted) AS updated FROM r
        """;

    public static readonly string DeleteSurplusOwners = $$"""
        WITH d AS (
            DELETE FROM owners o USING (SELECT parcel_id, count(*) AS n FROM stage_owners GROUP BY parcel_id) s
            WHERE o.parcel_id = s.parcel_id AND o.seq > s.n
            RETURNING o.*)
        {{ImportChangesSql.NoteRemovedOwners}}
        """;

    /// <summary>
    /// When owners.csv is imported with parcels.csv, a parcel without owner rows has no owners. Staging lists
    /// those parcels (stage_ownerless): an unchanged parcel or owner group is not staged, so the staging tables
    /// alone cannot tell.
    /// </summary>
    public static readonly string DeleteOwnersOfOwnerlessParcels = $$"""
        WITH d AS (
            DELETE FROM owners o USING stage_ownerless s
            WHERE o.parcel_id = s.parcel_id
            RETURNING o.*)
        {{ImportChangesSql.NoteRemovedOwners}}
        """;

    public const string UpsertPopulation = """
        WITH r AS (
            INSERT INTO population_records (id_number, full_name, birth_date, gender, permanent_address, status, import_id)
            SELECT id_number, full_name, birth_date, gender, permanent_address, status, $1 FROM stage_population
            ON CONFLICT (id_number) DO UPDATE SET
                full_name = EXCLUDED.full_name, birth_date = EXCLUDED.birth_date, gender = EXCLUDED.gender,
                permanent_address = EXCLUDED.permanent_address, status = EXCLUDED.status, import_id = EXCLUDED.import_id
            WHERE (population_records.full_name, population_records.birth_date, population_records.gender,
                   population_records.permanent_address, population_records.status)
                IS DISTINCT FROM (EXCLUDED.full_name, EXCLUDED.birth_date, EXCLUDED.gender, EXCLUDED.permanent_address, EXCLUDED.status)
            RETURNING (xmax = 0) AS inserted)
        SELECT count(*) FILTER (WHERE inserted) AS inserted, count(*) FILTER (WHERE NOT inserted) AS updated FROM r
        """;
}
