using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LandQuality.Data.Migrations
{
    /// <summary>
    /// <c>audit_append</c>: one audit entry in one statement (instead of three round trips), so the
    /// review hot path can append inside a batch or a CTE. The hash is AuditChain.HashOf written in
    /// SQL (the same text as AuditChain.HashSql); AuditVerifier recomputes it in C#.
    /// </summary>
    public partial class AuditAppendFunction : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION audit_append(p_parcel_id text, p_actor text, p_kind text, p_payload text) RETURNS integer
                LANGUAGE plpgsql AS $$
                DECLARE
                    v_at timestamptz := clock_timestamp();
                    v_seq integer;
                    v_prev text;
                    v_hash text;
                BEGIN
                    -- Taking (or creating) the head row is the chain's lock: appends for one parcel queue here, so a chain never forks.
                    INSERT INTO audit_heads AS h (parcel_id, seq, hash)
                    VALUES (p_parcel_id, 1, '0000000000000000000000000000000000000000000000000000000000000000')
                    ON CONFLICT (parcel_id) DO UPDATE SET seq = h.seq + 1
                    RETURNING h.seq, h.hash INTO v_seq, v_prev;
                    v_hash := encode(sha256(convert_to(
                        octet_length(v_prev)::text || ':' || v_prev || '|' ||
                        octet_length(p_parcel_id)::text || ':' || p_parcel_id || '|' ||
                        octet_length(v_seq::text)::text || ':' || v_seq::text || '|' ||
                        octet_length(to_char(v_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))::text || ':' ||
                            to_char(v_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') || '|' ||
                        octet_length(p_actor)::text || ':' || p_actor || '|' ||
                        octet_length(p_kind)::text || ':' || p_kind || '|' ||
                        octet_length(p_payload)::text || ':' || p_payload || '|', 'UTF8')), 'hex');
                    INSERT INTO audit_events (parcel_id, seq, at, actor, kind, payload, prev_hash, hash)
                    VALUES (p_parcel_id, v_seq, v_at, p_actor, p_kind, p_payload, v_prev, v_hash);
                    UPDATE audit_heads SET hash = v_hash WHERE parcel_id = p_parcel_id;
                    RETURN v_seq;
                END $$;
                """);
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP FUNCTION audit_append(text, text, text, text);");
        }
    }
}
