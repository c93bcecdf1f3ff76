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
                name: "ix_workflow_publications_workflow_id_version",
                table: "workflow_publications",
                columns: new[] { "workflow_id", "version" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "workflow_publications");

            migrationBuilder.DropIndex(
                name: "ix_workflow_definitions_one_published",
                table: "workflow_definitions");

            migrationBuilder.DropIndex(
                name: "ix_review_cases_parcel",
                table: "review_cases");

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
        }
    }
}
