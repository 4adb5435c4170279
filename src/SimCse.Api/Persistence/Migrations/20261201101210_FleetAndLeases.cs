using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SimCse.Api.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class FleetAndLeases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "CancelRequested",
                table: "Jobs",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<long>(
                name: "LeaseExpiresAt",
                table: "Jobs",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Worker",
                table: "Jobs",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Replicas",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    HeartbeatAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ServingModel = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    FailedModel = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    FailedReason = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    TrainingEnabled = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Replicas", x => x.Id);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Replicas");

            migrationBuilder.DropColumn(
                name: "CancelRequested",
                table: "Jobs");

            migrationBuilder.DropColumn(
                name: "LeaseExpiresAt",
                table: "Jobs");

            migrationBuilder.DropColumn(
                name: "Worker",
                table: "Jobs");
        }
    }
}
