using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LandQuality.Data.Migrations
{
    /// <inheritdoc />
    public partial class LifecycleVerdictsAndMessages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
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
        }
    }
}
