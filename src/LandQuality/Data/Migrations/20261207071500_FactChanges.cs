using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LandQuality.Data.Migrations
{
    /// <summary>
    /// What <c>lq evaluate --changed</c> needs to know (Rules/Runs/ChangedParcels): every change to a parcel's facts,
    /// noted by statement triggers into <c>fact_changes</c> with the transaction that made it — parcel ids, ID numbers
    /// (owners and the population registry) and shared keys (commune, sheet, number) — whatever wrote it: an import's
    /// merge, a correction, a retirement, a registry update, a hand-written statement. A verdict-setting run records the
    /// snapshot it started from (<c>evaluation_run_watermarks</c>); the next incremental run takes the changes that
    /// snapshot could not see. Transaction ids and snapshots, not a sequence: a sequence number is drawn before the
    /// transaction commits, so a later run could pass over a change that committed after it had read a higher number.
    /// Nothing is noted until a run has recorded a watermark: a first load (every row new) is evaluated in full anyway.
    /// </summary>
    public partial class FactChanges : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE fact_changes (
                    xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
                    parcel_id text, id_number text,
                    commune_code character(5), map_sheet integer, parcel_no integer,
                    reference boolean NOT NULL DEFAULT false);
                CREATE INDEX ix_fact_changes_xid ON fact_changes (xid);

                CREATE TABLE evaluation_run_watermarks (
                    run_id bigint PRIMARY KEY REFERENCES evaluation_runs (id) ON DELETE CASCADE,
                    snapshot pg_snapshot NOT NULL,
                    reference_version text NOT NULL);

                CREATE FUNCTION fact_changes_wanted() RETURNS boolean LANGUAGE sql STABLE AS
                    'SELECT EXISTS (SELECT 1 FROM evaluation_run_watermarks)';
                """);
            // Parcels: the parcel itself; its old and new key when it enters or leaves a key's count (inserted, deleted,
            // its key changed, retired or brought back); and, when it enters or leaves the names-per-ID count the same
            // ways, its owners' ID numbers.
            migrationBuilder.Sql("""
                CREATE FUNCTION fact_changes_parcels() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NOT fact_changes_wanted() THEN RETURN NULL; END IF;
                    IF TG_OP = 'INSERT' THEN
                        INSERT INTO fact_changes (parcel_id, commune_code, map_sheet, parcel_no)
                        SELECT parcel_id, commune_code, map_sheet, parcel_no FROM new_rows;
                        INSERT INTO fact_changes (id_number)
                        SELECT DISTINCT o.id_number FROM new_rows n JOIN owners o ON o.parcel_id = n.parcel_id WHERE o.id_number IS NOT NULL;
                    ELSIF TG_OP = 'DELETE' THEN
                        INSERT INTO fact_changes (parcel_id, commune_code, map_sheet, parcel_no)
                        SELECT parcel_id, commune_code, map_sheet, parcel_no FROM old_rows;
                        INSERT INTO fact_changes (id_number)
                        SELECT DISTINCT o.id_number FROM old_rows d JOIN owners o ON o.parcel_id = d.parcel_id WHERE o.id_number IS NOT NULL;
                    ELSE
                        INSERT INTO fact_changes (parcel_id) SELECT n.parcel_id FROM new_rows n JOIN old_rows o ON o.parcel_id = n.parcel_id
                        WHERE o IS DISTINCT FROM n;
                        INSERT INTO fact_changes (commune_code, map_sheet, parcel_no)
                        SELECT k.* FROM new_rows n JOIN old_rows o ON o.parcel_id = n.parcel_id
                        CROSS JOIN LATERAL (VALUES (o.commune_code, o.map_sheet, o.parcel_no), (n.commune_code, n.map_sheet, n.parcel_no)) k
                        WHERE (o.commune_code, o.map_sheet, o.parcel_no, o.retired_at IS NULL)
                              IS DISTINCT FROM (n.commune_code, n.map_sheet, n.parcel_no, n.retired_at IS NULL);
                        INSERT INTO fact_changes (id_number)
                        SELECT DISTINCT x.id_number FROM new_rows n JOIN old_rows o ON o.parcel_id = n.parcel_id
                        JOIN owners x ON x.parcel_id = n.parcel_id
                        WHERE (o.retired_at IS NULL) <> (n.retired_at IS NULL) AND x.id_number IS NOT NULL;
                    END IF;
                    RETURN NULL;
                END $$;

                -- Owners: their parcel, and the ID numbers before and after (a name or an ID number changes a names-per-ID count).
                CREATE FUNCTION fact_changes_owners() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NOT fact_changes_wanted() THEN RETURN NULL; END IF;
                    IF TG_OP = 'INSERT' THEN
                        INSERT INTO fact_changes (parcel_id, id_number) SELECT parcel_id, id_number FROM new_rows;
                    ELSIF TG_OP = 'DELETE' THEN
                        INSERT INTO fact_changes (parcel_id, id_number) SELECT parcel_id, id_number FROM old_rows;
                    ELSE
                        INSERT INTO fact_changes (parcel_id, id_number)
                        SELECT parcel_id, id_number FROM new_rows UNION SELECT parcel_id, id_number FROM old_rows;
                    END IF;
                    RETURN NULL;
                END $$;

                -- Purposes and certificates: their parcel.
                CREATE FUNCTION fact_changes_details() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NOT fact_changes_wanted() THEN RETURN NULL; END IF;
                    IF TG_OP = 'INSERT' THEN
                        INSERT INTO fact_changes (parcel_id) SELECT DISTINCT parcel_id FROM new_rows;
                    ELSIF TG_OP = 'DELETE' THEN
                        INSERT INTO fact_changes (parcel_id) SELECT DISTINCT parcel_id FROM old_rows;
                    ELSE
                        INSERT INTO fact_changes (parcel_id) SELECT parcel_id FROM new_rows UNION SELECT parcel_id FROM old_rows;
                    END IF;
                    RETURN NULL;
                END $$;

                -- The population registry: the ID numbers (a death, a new name), which reach the parcels of their owners.
                CREATE FUNCTION fact_changes_population() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NOT fact_changes_wanted() THEN RETURN NULL; END IF;
                    IF TG_OP = 'INSERT' THEN
                        INSERT INTO fact_changes (id_number) SELECT id_number FROM new_rows;
                    ELSIF TG_OP = 'DELETE' THEN
                        INSERT INTO fact_changes (id_number) SELECT id_number FROM old_rows;
                    ELSE
                        INSERT INTO fact_changes (id_number) SELECT id_number FROM new_rows UNION SELECT id_number FROM old_rows;
                    END IF;
                    RETURN NULL;
                END $$;

                -- Reference data (communes, land-use codes, …) changed: the next --changed run is a full one.
                CREATE FUNCTION fact_changes_reference() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF fact_changes_wanted() THEN INSERT INTO fact_changes (reference) VALUES (true); END IF;
                    RETURN NULL;
                END $$;
                """);
            // Transition tables take one event per trigger: three triggers per table.
            foreach (var (table, function) in new[]
                     {
                         ("parcels", "fact_changes_parcels"), ("owners", "fact_changes_owners"), ("parcel_purposes", "fact_changes_details"),
                         ("certificates", "fact_changes_details"), ("population_records", "fact_changes_population"),
                     })
                migrationBuilder.Sql($"""
                    CREATE TRIGGER {table}_fact_changes_insert AFTER INSERT ON {table} REFERENCING NEW TABLE AS new_rows
                        FOR EACH STATEMENT EXECUTE FUNCTION {function}();
                    CREATE TRIGGER {table}_fact_changes_update AFTER UPDATE ON {table} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                        FOR EACH STATEMENT EXECUTE FUNCTION {function}();
                    CREATE TRIGGER {table}_fact_changes_delete AFTER DELETE ON {table} REFERENCING OLD TABLE AS old_rows
                        FOR EACH STATEMENT EXECUTE FUNCTION {function}();
                    """);
            foreach (var table in new[] { "communes", "land_use_codes", "provinces", "cccd_province_codes", "reference_versions" })
                migrationBuilder.Sql($"""
                    CREATE TRIGGER {table}_fact_changes AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table}
                        FOR EACH STATEMENT EXECUTE FUNCTION fact_changes_reference();
                    """);
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in new[] { "parcels", "owners", "parcel_purposes", "certificates", "population_records" })
                migrationBuilder.Sql($"""
                    DROP TRIGGER {table}_fact_changes_insert ON {table};
                    DROP TRIGGER {table}_fact_changes_update ON {table};
                    DROP TRIGGER {table}_fact_changes_delete ON {table};
                    """);
            foreach (var table in new[] { "communes", "land_use_codes", "provinces", "cccd_province_codes", "reference_versions" })
                migrationBuilder.Sql($"DROP TRIGGER {table}_fact_changes ON {table};");
            migrationBuilder.Sql("""
                DROP FUNCTION fact_changes_parcels(); DROP FUNCTION fact_changes_owners(); DROP FUNCTION fact_changes_details();
                DROP FUNCTION fact_changes_population(); DROP FUNCTION fact_changes_reference(); DROP FUNCTION fact_changes_wanted();
                DROP TABLE evaluation_run_watermarks; DROP TABLE fact_changes;
                """);
        }
    }
}
