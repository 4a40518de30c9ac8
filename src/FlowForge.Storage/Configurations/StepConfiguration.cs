using FlowForge.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FlowForge.Storage.Configurations;

internal sealed class StepConfiguration : IEntityTypeConfiguration<StepEntity>
{
    public void Configure(EntityTypeBuilder<StepEntity> builder)
    {
        builder.ToTable("steps");
        builder.HasKey(step => step.Id);
        builder.HasIndex(step => new { step.JobId, step.Number }).IsUnique().HasDatabaseName("ux_steps_job_number");
    }
}
