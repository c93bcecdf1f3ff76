using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace LandQuality.Data.Migrations
{
    /// <inheritdoc />
    public partial class CaseLifecycle : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterTable(
                name: "audit_heads")
                .Annotation("Npgsql:StorageParameter:fillfactor", 50);

            migrationBuilder.AddColumn<string>(
                name: "created_by",
                table: "workflow_definitions",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "note",
                table: "workflow_definitions",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "published_at",
                table: "workflow_definitions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "published_by",
                table: "workflow_definitions",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "retired_at",
                table: "parcels",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "retired_by",
                table: "parcels",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "retired_into",
                table: "parcels",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "failing",
                table: "parcel_status",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "message_en",
                table: "findings",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "message_vi",
                table: "findings",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "sets_verdicts",
                table: "evaluation_runs",
                type: "boolean",
                nullable: false,
                defaultValue: true); // every run before this one set the verdicts

            migrationBuilder.AddColumn<string>(
                name: "prev_hash",
                table: "audit_heads",
                type: "text",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "workflow_publications",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    workflow_id = table.Column<string>(type: "text", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    previous_version = table.Column<int>(type: "integer", nullable: true),
                    published_by = table.Column<string>(type: "text", nullable: false),
                    published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_workflow_publications", x => x.id);
                    table.ForeignKey(
                        name: "fk_workflow_publications_workflow_definitions_workflow_id_vers~",
                        columns: x => new { x.workflow_id, x.version },
                        principalTable: "workflow_definitions",
                        principalColumns: new[] { "workflow_id", "version" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_workflow_definitions_one_published",
                table: "workflow_definitions",
                column: "workflow_id",
                unique: true,
                filter: "is_published");

            migrationBuilder.CreateIndex(
                name: "ix_review_cases_parcel",
                table: "review_cases",
                columns: new[] { "parcel_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_parcels_retired",
                table: "parcels",
                column: "parcel_id",
                filter: "retired_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_workflow_publications_workflow_id_version",
                table: "workflow_publications",
                columns: new[] { "workflow_id", "version" });

            // Versions are immutable: only which one is published (and when, by whom) may change, and nothing is
            // deleted; publish decisions are history, never edited.
            migrationBuilder.Sql("""
                CREATE FUNCTION workflow_definitions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'DELETE' THEN
                        RAISE EXCEPTION 'workflow versions are never deleted (% v%)', OLD.workflow_id, OLD.version;
                    END IF;
                    IF (NEW.workflow_id, NEW.version, NEW.content, NEW.content_hash, NEW.created_at, NEW.created_by, NEW.note)
                       IS DISTINCT FROM (OLD.workflow_id, OLD.version, OLD.content, OLD.content_hash, OLD.created_at, OLD.created_by, OLD.note) THEN
                        RAISE EXCEPTION 'workflow % v% is immutable; add a new version instead', OLD.workflow_id, OLD.version;
                    END IF;
                    RETURN NEW;
                END $$;
                CREATE TRIGGER workflow_definitions_immutable BEFORE UPDATE OR DELETE ON workflow_definitions
                    FOR EACH ROW EXECUTE FUNCTION workflow_definitions_immutable();
                CREATE FUNCTION workflow_publications_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'workflow_publications is append-only (% of publication %)', TG_OP, OLD.id;
                END $$;
                CREATE TRIGGER workflow_publications_append_only BEFORE UPDATE OR DELETE ON workflow_publications
                    FOR EACH ROW EXECUTE FUNCTION workflow_publications_append_only();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER workflow_publications_append_only ON workflow_publications; DROP FUNCTION workflow_publications_append_only();
                DROP TRIGGER workflow_definitions_immutable ON workflow_definitions; DROP FUNCTION workflow_definitions_immutable();
                """);
            migrationBuilder.DropTable(
                name: "workflow_publications");

            migrationBuilder.DropIndex(
                name: "ix_workflow_definitions_one_published",
                table: "workflow_definitions");

            migrationBuilder.DropIndex(
                name: "ix_review_cases_parcel",
                table: "review_cases");

            migrationBuilder.DropIndex(
                name: "ix_parcels_retired",
                table: "parcels");

            migrationBuilder.DropColumn(
                name: "created_by",
                table: "workflow_definitions");

            migrationBuilder.DropColumn(
                name: "note",
                table: "workflow_definitions");

            migrationBuilder.DropColumn(
                name: "published_at",
                table: "workflow_definitions");

            migrationBuilder.DropColumn(
                name: "published_by",
                table: "workflow_definitions");

            migrationBuilder.DropColumn(
                name: "retired_at",
                table: "parcels");

            migrationBuilder.DropColumn(
                name: "retired_by",
                table: "parcels");

            migrationBuilder.DropColumn(
                name: "retired_into",
                table: "parcels");

            migrationBuilder.DropColumn(
                name: "failing",
                table: "parcel_status");

            migrationBuilder.DropColumn(
                name: "message_en",
                table: "findings");

            migrationBuilder.DropColumn(
                name: "message_vi",
                table: "findings");

            migrationBuilder.DropColumn(
                name: "sets_verdicts",
                table: "evaluation_runs");

            migrationBuilder.DropColumn(
                name: "prev_hash",
                table: "audit_heads");

            migrationBuilder.AlterTable(
                name: "audit_heads")
                .OldAnnotation("Npgsql:StorageParameter:fillfactor", 50);
        }
    }
}
