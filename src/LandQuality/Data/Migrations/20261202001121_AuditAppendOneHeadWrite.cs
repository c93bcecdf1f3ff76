using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LandQuality.Data.Migrations
{
    /// <summary>
    /// <c>audit_append</c> writes the parcel's audit head once per entry instead of twice. The head is
    /// locked and read first (<c>FOR UPDATE</c>, still the chain's lock), the hash computed, and then one
    /// statement both moves the head and inserts the entry. The old body took the head with
    /// <c>INSERT … ON CONFLICT DO UPDATE</c> (a lock and an update) and updated it again for the hash: a
    /// decision appends three entries, so six head versions per decision became three. Same hash text
    /// (AuditChain.HashOf), same order of entries, same result.
    /// </summary>
    public partial class AuditAppendOneHeadWrite : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION audit_append(p_parcel_id text, p_actor text, p_kind text, p_payload text) RETURNS integer
                LANGUAGE plpgsql AS $$
                DECLARE
                    v_at timestamptz := clock_timestamp();
                    v_at_text text := to_char(v_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"');
                    v_seq integer;
                    v_prev text;
                    v_hash text;
                    v_head_exists boolean;
                BEGIN
                    LOOP
                        -- Locking the head row is the chain's lock: appends for one parcel queue here, so a chain never forks.
                        SELECT seq + 1, hash INTO v_seq, v_prev FROM audit_heads WHERE parcel_id = p_parcel_id FOR UPDATE;
                        v_head_exists := FOUND;
                        IF NOT v_head_exists THEN
                            v_seq := 1;
                            v_prev := '0000000000000000000000000000000000000000000000000000000000000000';
                        END IF;
                        v_hash := encode(sha256(convert_to(
                            octet_length(v_prev)::text || ':' || v_prev || '|' ||
                            octet_length(p_parcel_id)::text || ':' || p_parcel_id || '|' ||
                            octet_length(v_seq::text)::text || ':' || v_seq::text || '|' ||
                            octet_length(v_at_text)::text || ':' || v_at_text || '|' ||
                            octet_length(p_actor)::text || ':' || p_actor || '|' ||
                            octet_length(p_kind)::text || ':' || p_kind || '|' ||
                            octet_length(p_payload)::text || ':' || p_payload || '|', 'UTF8')), 'hex');
                        IF v_head_exists THEN
                            WITH head AS (UPDATE audit_heads SET seq = v_seq, hash = v_hash WHERE parcel_id = p_parcel_id)
                            INSERT INTO audit_events (parcel_id, seq, at, actor, kind, payload, prev_hash, hash)
                            VALUES (p_parcel_id, v_seq, v_at, p_actor, p_kind, p_payload, v_prev, v_hash);
                            RETURN v_seq;
                        END IF;
                        -- The parcel's first entry. Should another transaction create the head meanwhile, this inserts
                        -- nothing (after waiting for it to commit), and the loop locks that head and appends after it.
                        WITH head AS (
                            INSERT INTO audit_heads (parcel_id, seq, hash) VALUES (p_parcel_id, 1, v_hash)
                            ON CONFLICT (parcel_id) DO NOTHING RETURNING parcel_id)
                        INSERT INTO audit_events (parcel_id, seq, at, actor, kind, payload, prev_hash, hash)
                        SELECT parcel_id, 1, v_at, p_actor, p_kind, p_payload, v_prev, v_hash FROM head;
                        IF FOUND THEN
                            RETURN 1;
                        END IF;
                    END LOOP;
                END $$;
                """);
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The body of migration AuditAppendFunction.
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION audit_append(p_parcel_id text, p_actor text, p_kind text, p_payload text) RETURNS integer
                LANGUAGE plpgsql AS $$
                DECLARE
                    v_at timestamptz := clock_timestamp();
                    v_seq integer;
                    v_prev text;
                    v_hash text;
                BEGIN
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
    }
}
