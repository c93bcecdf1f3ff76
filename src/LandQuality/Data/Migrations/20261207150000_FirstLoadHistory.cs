using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LandQuality.Data.Migrations
{
    /// <summary>
    /// <c>audit_start_many</c>: the first entry of each of many new chains, for a first import, where every
    /// parcel is new. Heads and entries come from one pass over the arrays: no head is probed or moved, as
    /// <c>audit_append_many</c> must for a chain that may exist. A parcel that has a chain already makes the
    /// statement fail on the heads' primary key, so a chain can never be forked or restarted (the importer
    /// calls it only when none of its parcels has one). The hash text is <c>audit_append_many</c>'s for a
    /// first entry (AuditChain.HashOf), so both write the same entry for the same values. Owner's rights and
    /// pinned search_path as in migration AuditHardening; AppRoleGrants grants the application EXECUTE.
    /// </summary>
    public partial class FirstLoadHistory : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION audit_start_many(p_at timestamptz, p_actor text, p_kind text, p_parcel_ids text[], p_payloads text[])
                RETURNS bigint LANGUAGE plpgsql AS $$
                DECLARE
                    v_started bigint;
                BEGIN
                    IF cardinality(p_parcel_ids) IS DISTINCT FROM cardinality(p_payloads) THEN
                        RAISE EXCEPTION 'audit_start_many: % parcel ids but % payloads', cardinality(p_parcel_ids), cardinality(p_payloads);
                    END IF;
                    WITH consts AS MATERIALIZED (SELECT to_char(p_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at_text),
                    starts AS MATERIALIZED (
                        SELECT u.parcel_id, u.payload,
                               encode(sha256(convert_to(
                                   '64:0000000000000000000000000000000000000000000000000000000000000000|' ||
                                   octet_length(u.parcel_id)::text || ':' || u.parcel_id || '|' ||
                                   '1:1|' ||
                                   octet_length(consts.at_text)::text || ':' || consts.at_text || '|' ||
                                   octet_length(p_actor)::text || ':' || p_actor || '|' ||
                                   octet_length(p_kind)::text || ':' || p_kind || '|' ||
                                   octet_length(u.payload)::text || ':' || u.payload || '|', 'UTF8')), 'hex') AS hash
                        FROM unnest(p_parcel_ids, p_payloads) AS u(parcel_id, payload), consts),
                    heads AS (INSERT INTO audit_heads (parcel_id, seq, hash) SELECT parcel_id, 1, hash FROM starts)
                    INSERT INTO audit_events (parcel_id, seq, at, actor, kind, payload, prev_hash, hash)
                    SELECT parcel_id, 1, p_at, p_actor, p_kind, payload, '0000000000000000000000000000000000000000000000000000000000000000', hash
                    FROM starts;
                    GET DIAGNOSTICS v_started = ROW_COUNT;
                    RETURN v_started;
                END $$;

                DO $$
                BEGIN
                    EXECUTE format('ALTER FUNCTION audit_start_many(timestamptz, text, text, text[], text[]) SECURITY DEFINER SET search_path = %I, pg_temp',
                                   current_schema());
                    REVOKE ALL ON FUNCTION audit_start_many(timestamptz, text, text, text[], text[]) FROM PUBLIC;
                END $$;
                """);
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP FUNCTION audit_start_many(timestamptz, text, text, text[], text[]);");
        }
    }
}
