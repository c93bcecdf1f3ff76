using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LandQuality.Data.Migrations
{
    /// <inheritdoc />
    public partial class FindingsKeyedByRun : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "pk_findings",
                table: "findings");

            migrationBuilder.AddPrimaryKey(
                name: "pk_findings",
                table: "findings",
                columns: new[] { "run_id", "parcel_id", "workflow", "rule_name" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "pk_findings",
                table: "findings");

            migrationBuilder.AddPrimaryKey(
                name: "pk_findings",
                table: "findings",
                columns: new[] { "parcel_id", "run_id", "workflow", "rule_name" });
        }
    }
}
