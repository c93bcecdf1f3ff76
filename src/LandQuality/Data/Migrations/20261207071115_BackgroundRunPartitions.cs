using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LandQuality.Data.Migrations
{
    /// <inheritdoc />
    public partial class BackgroundRunPartitions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The job queue's own schema: Hangfire.PostgreSql creates and upgrades its tables there itself (Jobs/JobQueue.cs),
            // as the application's role, which AppRoleGrants lets create in this schema only.
            migrationBuilder.Sql("CREATE SCHEMA IF NOT EXISTS hangfire;");
            migrationBuilder.CreateTable(
                name: "evaluation_run_partitions",
                columns: table => new
                {
                    run_id = table.Column<long>(type: "bigint", nullable: false),
                    partition_no = table.Column<int>(type: "integer", nullable: false),
                    commune_code = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    after_parcel_id = table.Column<string>(type: "text", nullable: true),
                    up_to_parcel_id = table.Column<string>(type: "text", nullable: true),
                    planned_parcels = table.Column<long>(type: "bigint", nullable: false),
                    status = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    worker = table.Column<string>(type: "text", nullable: true),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    done_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    parcels = table.Column<long>(type: "bigint", nullable: false),
                    findings = table.Column<long>(type: "bigint", nullable: false),
                    seconds = table.Column<double>(type: "double precision", nullable: true),
                    error = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_evaluation_run_partitions", x => new { x.run_id, x.partition_no });
                    table.ForeignKey(
                        name: "fk_evaluation_run_partitions_evaluation_runs_run_id",
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
                name: "evaluation_run_partitions");
            migrationBuilder.Sql("DROP SCHEMA IF EXISTS hangfire CASCADE;");
        }
    }
}
