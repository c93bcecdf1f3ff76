using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LandQuality.Data.Migrations
{
    /// <summary>
    /// The history is written only through functions that run as the schema's owner (SECURITY DEFINER),
    /// so the application's role needs no INSERT, UPDATE, DELETE or TRUNCATE on the audit tables at all
    /// (<see cref="AppRoleGrants"/> grants it EXECUTE on these and SELECT on the tables; nobody else may
    /// call them):
    /// <list type="bullet">
    /// <item><c>audit_append</c> (one entry; unchanged body) now runs as the owner.</item>
    /// <item><c>audit_append_many</c> appends one entry to each of many chains: the statement that
    /// <c>AuditChain.AppendManySql</c> used to run as the application, over two arrays.</item>
    /// <item><c>audit_cut</c> waits for every transaction writing the history to end, and returns the
    /// last entry id: every entry up to it is committed, none can follow below it (a checkpoint's cut).</item>
    /// <item><c>import_drop_index</c> / <c>import_create_index</c>: the two secondary indexes a first load into
    /// an empty table drops and builds once afterwards (Imports/MergeSql.cs); dropping only on an empty table.</item>
    /// </list>
    /// Each pins its search_path to the schema it lives in, so no caller can slip in tables of its own.
    /// The hash text is AuditChain.HashOf's, as in migration AuditAppendOneHeadWrite.
    /// </summary>
    public partial class AuditHardening : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION audit_append_many(p_at timestamptz, p_actor text, p_kind text, p_parcel_ids text[], p_payloads text[])
                RETURNS bigint LANGUAGE plpgsql SET enable_hashjoin = off SET enable_mergejoin = off AS $$
                DECLARE
                    v_appended bigint;
                BEGIN
                    IF cardinality(p_parcel_ids) IS DISTINCT FROM cardinality(p_payloads) THEN
                        RAISE EXCEPTION 'audit_append_many: % parcel ids but % payloads', cardinality(p_parcel_ids), cardinality(p_payloads);
                    END IF;
                    -- Heads are probed by key, one per entry: given a chunk of 50,000 the planner would rather scan and hash
                    -- every head (a million and more), once per chunk, at many times the cost of the probes.
                    -- Each head is moved by one UPDATE that locks it and reads its latest committed values; the old
                    -- hash stays in prev_hash for the entry. A parcel without a chain gets its first entry; one created
                    -- meanwhile by another transaction makes the statement fail (unique key) rather than fork.
                    WITH src AS (SELECT u.parcel_id, u.payload FROM unnest(p_parcel_ids, p_payloads) AS u(parcel_id, payload)),
                    consts AS MATERIALIZED (SELECT to_char(p_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at_text),
                    moved AS (
                        UPDATE audit_heads h SET seq = h.seq + 1, prev_hash = h.hash,
                            hash = encode(sha256(convert_to(
                                octet_length(h.hash)::text || ':' || h.hash || '|' ||
                                octet_length(h.parcel_id)::text || ':' || h.parcel_id || '|' ||
                                octet_length((h.seq + 1)::text)::text || ':' || (h.seq + 1)::text || '|' ||
                                octet_length(consts.at_text)::text || ':' || consts.at_text || '|' ||
                                octet_length(p_actor)::text || ':' || p_actor || '|' ||
                                octet_length(p_kind)::text || ':' || p_kind || '|' ||
                                octet_length(src.payload)::text || ':' || src.payload || '|', 'UTF8')), 'hex')
                        FROM src, consts WHERE h.parcel_id = src.parcel_id
                        RETURNING h.parcel_id, h.seq, h.prev_hash, h.hash, src.payload),
                    starts AS (
                        SELECT s.parcel_id, s.payload,
                               encode(sha256(convert_to(
                                   '64:0000000000000000000000000000000000000000000000000000000000000000|' ||
                                   octet_length(s.parcel_id)::text || ':' || s.parcel_id || '|' ||
                                   '1:1|' ||
                                   octet_length(consts.at_text)::text || ':' || consts.at_text || '|' ||
                                   octet_length(p_actor)::text || ':' || p_actor || '|' ||
                                   octet_length(p_kind)::text || ':' || p_kind || '|' ||
                                   octet_length(s.payload)::text || ':' || s.payload || '|', 'UTF8')), 'hex') AS hash
                        FROM src s, consts WHERE NOT EXISTS (SELECT 1 FROM audit_heads h WHERE h.parcel_id = s.parcel_id)),
                    first AS (INSERT INTO audit_heads (parcel_id, seq, hash) SELECT parcel_id, 1, hash FROM starts)
                    INSERT INTO audit_events (parcel_id, seq, at, actor, kind, payload, prev_hash, hash)
                    SELECT parcel_id, seq, p_at, p_actor, p_kind, payload, prev_hash, hash FROM moved
                    UNION ALL
                    SELECT parcel_id, 1, p_at, p_actor, p_kind, payload, '0000000000000000000000000000000000000000000000000000000000000000', hash
                    FROM starts;
                    GET DIAGNOSTICS v_appended = ROW_COUNT;
                    RETURN v_appended;
                END $$;

                -- A checkpoint's cut. SHARE conflicts with the ROW EXCLUSIVE lock every append takes on both tables
                -- (the id of an entry is drawn inside that statement): the lock waits for the writers that hold one
                -- and keeps new ones out until the caller's transaction ends. Call it in READ COMMITTED, so that
                -- max(id) is read after the lock.
                CREATE FUNCTION audit_cut() RETURNS bigint LANGUAGE plpgsql AS $$
                BEGIN
                    LOCK TABLE audit_heads, audit_events IN SHARE MODE;
                    RETURN coalesce((SELECT max(id) FROM audit_events), 0);
                END $$;

                -- Index work of a first load, which only the tables' owner may do. Dropping is allowed only while
                -- the table is empty, so no caller can leave a loaded table without its index.
                CREATE FUNCTION import_drop_index(p_index text) RETURNS void LANGUAGE plpgsql AS $$
                BEGIN
                    IF p_index = 'ix_parcels_commune_code_map_sheet_parcel_no' AND NOT EXISTS (SELECT 1 FROM parcels)
                       OR p_index = 'ix_owners_id_number' AND NOT EXISTS (SELECT 1 FROM owners) THEN
                        EXECUTE format('DROP INDEX %I', p_index);
                    ELSE
                        RAISE EXCEPTION 'import_drop_index: % is not the index of an empty table that a first load rebuilds', p_index;
                    END IF;
                END $$;

                CREATE FUNCTION import_create_index(p_index text) RETURNS void LANGUAGE plpgsql AS $$
                BEGIN
                    CASE p_index
                        WHEN 'ix_parcels_commune_code_map_sheet_parcel_no' THEN
                            CREATE INDEX IF NOT EXISTS ix_parcels_commune_code_map_sheet_parcel_no ON parcels (commune_code, map_sheet, parcel_no);
                        WHEN 'ix_owners_id_number' THEN
                            CREATE INDEX IF NOT EXISTS ix_owners_id_number ON owners (id_number) INCLUDE (full_name);
                        ELSE
                            RAISE EXCEPTION 'import_create_index: % is not an index a first load rebuilds', p_index;
                    END CASE;
                END $$;

                DO $$
                DECLARE
                    f text;
                BEGIN
                    FOREACH f IN ARRAY ARRAY['audit_append(text, text, text, text)', 'audit_append_many(timestamptz, text, text, text[], text[])',
                                             'audit_cut()', 'import_drop_index(text)', 'import_create_index(text)'] LOOP
                        EXECUTE format('ALTER FUNCTION %s SECURITY DEFINER SET search_path = %I, pg_temp', f, current_schema());
                        EXECUTE format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', f);
                    END LOOP;
                END $$;
                """);
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP FUNCTION audit_append_many(timestamptz, text, text, text[], text[]);
                DROP FUNCTION audit_cut();
                DROP FUNCTION import_drop_index(text);
                DROP FUNCTION import_create_index(text);
                ALTER FUNCTION audit_append(text, text, text, text) SECURITY INVOKER RESET search_path;
                GRANT EXECUTE ON FUNCTION audit_append(text, text, text, text) TO PUBLIC;
                """);
        }
    }
}
