using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LandQuality.Data.Migrations
{
    /// <inheritdoc />
    public partial class BatchVerdictCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "failing_alive",
                table: "evaluation_run_batches",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "failing_clean",
                table: "evaluation_run_batches",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "failing_correct",
                table: "evaluation_run_batches",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "failing_sufficient",
                table: "evaluation_run_batches",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "verified",
                table: "evaluation_run_batches",
                type: "bigint",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "failing_alive",
                table: "evaluation_run_batches");

            migrationBuilder.DropColumn(
                name: "failing_clean",
                table: "evaluation_run_batches");

            migrationBuilder.DropColumn(
                name: "failing_correct",
                table: "evaluation_run_batches");

            migrationBuilder.DropColumn(
                name: "failing_sufficient",
                table: "evaluation_run_batches");

            migrationBuilder.DropColumn(
                name: "verified",
                table: "evaluation_run_batches");
        }
    }
}
