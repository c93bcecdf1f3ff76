using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LandQuality.Data.Migrations
{
    /// <inheritdoc />
    public partial class ReviewerAccounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "disabled_at",
                table: "reviewers",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "failed_sign_ins",
                table: "reviewers",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "locked_until",
                table: "reviewers",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "password_changed_at",
                table: "reviewers",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "password_hash",
                table: "reviewers",
                type: "text",
                nullable: true);
            migrationBuilder.CreateIndex(
                name: "ix_review_tasks_case",
                table: "review_tasks",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "ix_review_tasks_claimed",
                table: "review_tasks",
                column: "claimed_by",
                filter: "status = 'Claimed'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "disabled_at",
                table: "reviewers");

            migrationBuilder.DropColumn(
                name: "failed_sign_ins",
                table: "reviewers");

            migrationBuilder.DropColumn(
                name: "locked_until",
                table: "reviewers");

            migrationBuilder.DropColumn(
                name: "password_changed_at",
                table: "reviewers");

            migrationBuilder.DropColumn(
                name: "password_hash",
                table: "reviewers");
            migrationBuilder.DropIndex(
                name: "ix_review_tasks_case",
                table: "review_tasks");

            migrationBuilder.DropIndex(
                name: "ix_review_tasks_claimed",
                table: "review_tasks");
        }
    }
}
