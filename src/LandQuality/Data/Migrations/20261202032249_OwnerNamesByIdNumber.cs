using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LandQuality.Data.Migrations
{
    /// <inheritdoc />
    public partial class OwnerNamesByIdNumber : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_owners_id_number",
                table: "owners");

            migrationBuilder.CreateIndex(
                name: "ix_owners_id_number",
                table: "owners",
                column: "id_number")
                .Annotation("Npgsql:IndexInclude", new[] { "full_name" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_owners_id_number",
                table: "owners");

            migrationBuilder.CreateIndex(
                name: "ix_owners_id_number",
                table: "owners",
                column: "id_number");
        }
    }
}
