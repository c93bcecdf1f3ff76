using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LandQuality.Data.Migrations
{
    /// <inheritdoc />
    public partial class TaskOperationsAndBulkTablesWithoutForeignKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_certificates_parcels_parcel_id",
                table: "certificates");

            migrationBuilder.DropForeignKey(
                name: "fk_owners_parcels_parcel_id",
                table: "owners");

            migrationBuilder.DropForeignKey(
                name: "fk_parcel_purposes_parcels_parcel_id",
                table: "parcel_purposes");

            migrationBuilder.AlterColumn<string>(
                name: "parcel_id",
                table: "parcel_purposes",
                type: "text",
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(40)");

            migrationBuilder.AlterColumn<string>(
                name: "parcel_id",
                table: "owners",
                type: "text",
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(40)");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "decided_at",
                table: "corrections",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "status",
                table: "corrections",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AlterColumn<string>(
                name: "parcel_id",
                table: "certificates",
                type: "text",
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(40)");

            migrationBuilder.CreateTable(
                name: "task_operations",
                columns: table => new
                {
                    operation_id = table.Column<string>(type: "text", nullable: false),
                    task_id = table.Column<long>(type: "bigint", nullable: false),
                    result = table.Column<string>(type: "text", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_task_operations", x => x.operation_id);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "task_operations");

            migrationBuilder.DropColumn(
                name: "decided_at",
                table: "corrections");

            migrationBuilder.DropColumn(
                name: "status",
                table: "corrections");

            migrationBuilder.AlterColumn<string>(
                name: "parcel_id",
                table: "parcel_purposes",
                type: "character varying(40)",
                nullable: false,
                oldClrType: typeof(string),
                oldType: "text");

            migrationBuilder.AlterColumn<string>(
                name: "parcel_id",
                table: "owners",
                type: "character varying(40)",
                nullable: false,
                oldClrType: typeof(string),
                oldType: "text");

            migrationBuilder.AlterColumn<string>(
                name: "parcel_id",
                table: "certificates",
                type: "character varying(40)",
                nullable: false,
                oldClrType: typeof(string),
                oldType: "text");

            migrationBuilder.AddForeignKey(
                name: "fk_certificates_parcels_parcel_id",
                table: "certificates",
                column: "parcel_id",
                principalTable: "parcels",
                principalColumn: "parcel_id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "fk_owners_parcels_parcel_id",
                table: "owners",
                column: "parcel_id",
                principalTable: "parcels",
                principalColumn: "parcel_id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "fk_parcel_purposes_parcels_parcel_id",
                table: "parcel_purposes",
                column: "parcel_id",
                principalTable: "parcels",
                principalColumn: "parcel_id",
                onDelete: ReferentialAction.Cascade);
        }
    }
}
