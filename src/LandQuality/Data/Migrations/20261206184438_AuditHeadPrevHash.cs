using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LandQuality.Data.Migrations
{
    /// <inheritdoc />
    public partial class AuditHeadPrevHash : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterTable(
                name: "audit_heads")
                .Annotation("Npgsql:StorageParameter:fillfactor", 50);

            migrationBuilder.AddColumn<string>(
                name: "prev_hash",
                table: "audit_heads",
                type: "text",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "prev_hash",
                table: "audit_heads");

            migrationBuilder.AlterTable(
                name: "audit_heads")
                .OldAnnotation("Npgsql:StorageParameter:fillfactor", 50);
        }
    }
}
