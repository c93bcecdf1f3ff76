using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LandQuality.Data.Migrations
{
    /// <summary>
    /// <c>audit_append_many</c> (migration AuditHardening) probed every head twice: once to move it, once more to ask
    /// whether the parcel had no chain yet. The second probe now runs only when the first moved fewer heads than the call
    /// has entries, which the function decides once per call; when every parcel has a chain, as after any import, no
    /// entry probes twice. The same entries, hash for hash, and the same failure when another transaction starts a chain
    /// meanwhile (unique key). <c>CREATE OR REPLACE</c> keeps the grants but not the owner's rights and the pinned
    /// search_path, which are set again as AuditHardening set them.
    /// </summary>
    public partial class AppendManyProbesHeadsOnce : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            if (!AsAuditHardeningWroteIt.Contains(StartsEveryChainless, StringComparison.Ordinal))
                throw new InvalidOperationException("The parcels whose chain audit_append_many starts are not chosen as AuditHardening wrote it.");
            migrationBuilder.Sql(AsAuditHardeningWroteIt.Replace(StartsEveryChainless, StartsChainlessWhenSomeHeadWasNotMoved, StringComparison.Ordinal)
                                 + OwnersRights);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(AsAuditHardeningWroteIt + OwnersRights);
        }

        const string StartsEveryChainless = """
                        FROM src s, consts WHERE NOT EXISTS (SELECT 1 FROM audit_heads h WHERE h.parcel_id = s.parcel_id)),
            """;

        // A condition without a column of the query: PostgreSQL decides it once (a one-time filter), before reading src.
        const string StartsChainlessWhenSomeHeadWasNotMoved = """
                        FROM src s, consts
                        -- Probed again only when the UPDATE moved fewer heads than the call has entries.
                        WHERE (SELECT count(*) FROM moved) < cardinality(p_parcel_ids)
                          AND NOT EXISTS (SELECT 1 FROM audit_heads h WHERE h.parcel_id = s.parcel_id)),
            """;

        const string AsAuditHardeningWroteIt = """
                CREATE OR REPLACE FUNCTION audit_append_many(p_at timestamptz, p_actor text, p_kind text, p_parcel_ids text[], p_payloads text[])
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

            """;

        const string OwnersRights = """
                DO $$
                BEGIN
                    EXECUTE format('ALTER FUNCTION audit_append_many(timestamptz, text, text, text[], text[]) SECURITY DEFINER SET search_path = %I, pg_temp',
                                   current_schema());
                    REVOKE ALL ON FUNCTION audit_append_many(timestamptz, text, text, text[], text[]) FROM PUBLIC;
                END $$;
            """;
    }
}
