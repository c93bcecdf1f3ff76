using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LandQuality.Data.Migrations
{
    /// <inheritdoc />
    public partial class RetiredParcels : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "retired_at",
                table: "parcels",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "retired_by",
                table: "parcels",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "retired_into",
                table: "parcels",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_parcels_retired",
                table: "parcels",
                column: "parcel_id",
                filter: "retired_at IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_parcels_retired",
                table: "parcels");

            migrationBuilder.DropColumn(
                name: "retired_at",
                table: "parcels");

            migrationBuilder.DropColumn(
                name: "retired_by",
                table: "parcels");

            migrationBuilder.DropColumn(
                name: "retired_into",
                table: "parcels");
        }
    }
}
