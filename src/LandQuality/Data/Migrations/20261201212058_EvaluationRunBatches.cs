using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LandQuality.Data.Migrations
{
    /// <inheritdoc />
    public partial class EvaluationRunBatches : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "evaluation_run_communes");

            migrationBuilder.CreateTable(
                name: "evaluation_run_batches",
                columns: table => new
                {
                    run_id = table.Column<long>(type: "bigint", nullable: false),
                    last_parcel_id = table.Column<string>(type: "text", nullable: false),
                    parcels = table.Column<long>(type: "bigint", nullable: false),
                    findings = table.Column<long>(type: "bigint", nullable: false),
                    done_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_evaluation_run_batches", x => new { x.run_id, x.last_parcel_id });
                    table.ForeignKey(
                        name: "fk_evaluation_run_batches_evaluation_runs_run_id",
                        column: x => x.run_id,
                        principalTable: "evaluation_runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "evaluation_run_batches");

            migrationBuilder.CreateTable(
                name: "evaluation_run_communes",
                columns: table => new
                {
                    run_id = table.Column<long>(type: "bigint", nullable: false),
                    commune_code = table.Column<string>(type: "text", nullable: false),
                    done_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    findings = table.Column<long>(type: "bigint", nullable: false),
                    parcels = table.Column<long>(type: "bigint", nullable: false)
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
        }
    }
}
