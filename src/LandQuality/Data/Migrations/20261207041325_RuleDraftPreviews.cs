using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace LandQuality.Data.Migrations
{
    /// <inheritdoc />
    public partial class RuleDraftPreviews : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "rule_draft_previews",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    draft_id = table.Column<long>(type: "bigint", nullable: false),
                    draft_revision = table.Column<long>(type: "bigint", nullable: false),
                    content = table.Column<string>(type: "text", nullable: false),
                    content_hash = table.Column<string>(type: "text", nullable: false),
                    published_version = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    parcels_done = table.Column<long>(type: "bigint", nullable: false),
                    parcels_total = table.Column<long>(type: "bigint", nullable: false),
                    requested_by = table.Column<string>(type: "text", nullable: false),
                    requested_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    error = table.Column<string>(type: "text", nullable: true),
                    report = table.Column<string>(type: "jsonb", nullable: true),
                    affected_lines = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rule_draft_previews", x => x.id);
                    table.ForeignKey(
                        name: "fk_rule_draft_previews_rule_drafts_draft_id",
                        column: x => x.draft_id,
                        principalTable: "rule_drafts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "rule_draft_preview_parcels",
                columns: table => new
                {
                    preview_id = table.Column<long>(type: "bigint", nullable: false),
                    csv_gzip = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rule_draft_preview_parcels", x => x.preview_id);
                    table.ForeignKey(
                        name: "fk_rule_draft_preview_parcels_rule_draft_previews_preview_id",
                        column: x => x.preview_id,
                        principalTable: "rule_draft_previews",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_rule_draft_previews_draft_id",
                table: "rule_draft_previews",
                column: "draft_id");

            migrationBuilder.CreateIndex(
                name: "ix_rule_draft_previews_queued",
                table: "rule_draft_previews",
                column: "id",
                filter: "status = 'Queued'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "rule_draft_preview_parcels");

            migrationBuilder.DropTable(
                name: "rule_draft_previews");
        }
    }
}
