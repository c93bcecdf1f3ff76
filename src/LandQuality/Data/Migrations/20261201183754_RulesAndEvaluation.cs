using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace LandQuality.Data.Migrations
{
    /// <inheritdoc />
    public partial class RulesAndEvaluation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "findings",
                columns: table => new
                {
                    run_id = table.Column<long>(type: "bigint", nullable: false),
                    parcel_id = table.Column<string>(type: "text", nullable: false),
                    workflow = table.Column<string>(type: "text", nullable: false),
                    rule_name = table.Column<string>(type: "text", nullable: false),
                    dimension = table.Column<string>(type: "text", nullable: false),
                    severity = table.Column<string>(type: "text", nullable: false),
                    stage = table.Column<string>(type: "text", nullable: false),
                    message = table.Column<string>(type: "text", nullable: false),
                    is_rule_error = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_findings", x => new { x.run_id, x.parcel_id, x.workflow, x.rule_name });
                });

            migrationBuilder.CreateTable(
                name: "parcel_status",
                columns: table => new
                {
                    parcel_id = table.Column<string>(type: "text", nullable: false),
                    run_id = table.Column<long>(type: "bigint", nullable: false),
                    rule_set_version_id = table.Column<long>(type: "bigint", nullable: false),
                    correct = table.Column<bool>(type: "boolean", nullable: false),
                    sufficient = table.Column<bool>(type: "boolean", nullable: false),
                    clean = table.Column<bool>(type: "boolean", nullable: false),
                    alive = table.Column<bool>(type: "boolean", nullable: false),
                    errors = table.Column<int>(type: "integer", nullable: false),
                    warnings = table.Column<int>(type: "integer", nullable: false),
                    evaluated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_parcel_status", x => x.parcel_id);
                });

            migrationBuilder.CreateTable(
                name: "rule_set_versions",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    rule_set = table.Column<string>(type: "text", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    content = table.Column<string>(type: "text", nullable: false),
                    content_hash = table.Column<string>(type: "text", nullable: false),
                    author = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    change_note = table.Column<string>(type: "text", nullable: true),
                    status = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    published_by = table.Column<string>(type: "text", nullable: true),
                    retired_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rule_set_versions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "evaluation_runs",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    rule_set_version_id = table.Column<long>(type: "bigint", nullable: false),
                    scope = table.Column<string>(type: "text", nullable: false),
                    started_by = table.Column<string>(type: "text", nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    evaluated_on = table.Column<DateOnly>(type: "date", nullable: false),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    status = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    parcels_evaluated = table.Column<long>(type: "bigint", nullable: false),
                    findings_count = table.Column<long>(type: "bigint", nullable: false),
                    seconds = table.Column<double>(type: "double precision", nullable: true),
                    error = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_evaluation_runs", x => x.id);
                    table.ForeignKey(
                        name: "fk_evaluation_runs_rule_set_versions_rule_set_version_id",
                        column: x => x.rule_set_version_id,
                        principalTable: "rule_set_versions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "evaluation_run_communes",
                columns: table => new
                {
                    run_id = table.Column<long>(type: "bigint", nullable: false),
                    commune_code = table.Column<string>(type: "text", nullable: false),
                    parcels = table.Column<long>(type: "bigint", nullable: false),
                    findings = table.Column<long>(type: "bigint", nullable: false),
                    done_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_evaluation_run_communes", x => new { x.run_id, x.commune_code });
                    table.ForeignKey(
                        name: "fk_evaluation_run_communes_evaluation_runs_run_id",
                        column: x => x.run_id,
                        principalTable: "evaluation_runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_evaluation_runs_rule_set_version_id",
                table: "evaluation_runs",
                column: "rule_set_version_id");

            migrationBuilder.CreateIndex(
                name: "ix_findings_parcel_id_run_id",
                table: "findings",
                columns: new[] { "parcel_id", "run_id" });

            migrationBuilder.CreateIndex(
                name: "ix_rule_set_versions_one_published",
                table: "rule_set_versions",
                column: "rule_set",
                unique: true,
                filter: "status = 'Published'");

            migrationBuilder.CreateIndex(
                name: "ix_rule_set_versions_rule_set_version",
                table: "rule_set_versions",
                columns: new[] { "rule_set", "version" },
                unique: true);

            // Versions are immutable: only the status columns may change, and nothing is deleted.
            migrationBuilder.Sql("""
                CREATE FUNCTION rule_set_versions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'DELETE' THEN
                        RAISE EXCEPTION 'rule set versions are never deleted (% v%)', OLD.rule_set, OLD.version;
                    END IF;
                    IF (NEW.rule_set, NEW.version, NEW.content, NEW.content_hash, NEW.author, NEW.created_at, NEW.change_note)
                       IS DISTINCT FROM (OLD.rule_set, OLD.version, OLD.content, OLD.content_hash, OLD.author, OLD.created_at, OLD.change_note) THEN
                        RAISE EXCEPTION 'rule set version % v% is immutable; publish a new version instead', OLD.rule_set, OLD.version;
                    END IF;
                    RETURN NEW;
                END $$;
                CREATE TRIGGER rule_set_versions_immutable BEFORE UPDATE OR DELETE ON rule_set_versions
                    FOR EACH ROW EXECUTE FUNCTION rule_set_versions_immutable();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER rule_set_versions_immutable ON rule_set_versions; DROP FUNCTION rule_set_versions_immutable();");
            migrationBuilder.DropTable(
                name: "evaluation_run_communes");

            migrationBuilder.DropTable(
                name: "findings");

            migrationBuilder.DropTable(
                name: "parcel_status");

            migrationBuilder.DropTable(
                name: "evaluation_runs");

            migrationBuilder.DropTable(
                name: "rule_set_versions");
        }
    }
}
