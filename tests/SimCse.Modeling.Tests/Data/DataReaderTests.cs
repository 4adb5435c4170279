using SimCse.Modeling.Data;

namespace SimCse.Modeling.Tests.Data;

public class DataReaderTests
{
    [Fact]
    public void Reads_supervised_tsv_with_and_without_negatives()
    {
        var triplets = SupervisedTripletReader.Read(new StringReader("a cat\tthe cat\ta dog\nsits\tsat\n\n"));
        Assert.Equal([new TrainingTriplet("a cat", "the cat", "a dog"), new TrainingTriplet("sits", "sat")], triplets);
    }

    [Fact]
    public void Reads_supervised_jsonl()
    {
        var triplets = SupervisedTripletReader.Read(new StringReader("{\"anchor\":\"a\",\"positive\":\"b\",\"negative\":\"c\"}\n{\"anchor\":\"d \\\"q\\\"\",\"positive\":\"e\"}\n"));
        Assert.Equal([new TrainingTriplet("a", "b", "c"), new TrainingTriplet("d \"q\"", "e")], triplets);
    }

    [Theory]
    [InlineData("a\tb\nonly one field\n", 2)]
    [InlineData("a\tb\nc\td\n\ne\t\tf\n", 4)]
    [InlineData("a\tb\tc\td\n", 1)]
    [InlineData("{\"anchor\":\"a\",\"positive\":\"b\"}\n{\"anchor\":\"a\"}\n", 2)]
    [InlineData("{\"anchor\":\"a\",\"positive\":\"b\"}\n{not json\n", 2)]
    [InlineData("{\"anchor\":\"a\",\"positive\":\"b\"}\n{\"anchor\":\"a\",\"positive\":7}\n", 2)]
    public void Rejects_bad_supervised_lines_naming_the_line(string text, int line)
    {
        var error = Assert.Throws<DataFileException>(() => SupervisedTripletReader.Read(new StringReader(text)));
        Assert.Equal(line, error.LineNumber);
        Assert.StartsWith($"Line {line}:", error.Message);
    }

    [Fact]
    public void Reads_evaluation_tsv_and_jsonl()
    {
        Assert.Equal([new StsPair("a", "b", 4.5)], StsPairReader.Read(new StringReader("4.5\ta\tb\n")));
        Assert.Equal([new StsPair("a", "b", 1)], StsPairReader.Read(new StringReader("{\"sentence1\":\"a\",\"sentence2\":\"b\",\"score\":1}\n")));
    }

    [Theory]
    [InlineData("4.5\ta\tb\nfive\ta\tb\n", 2)]
    [InlineData("4.5\ta\tb\n1\ta\n", 2)]
    [InlineData("1\t\tb\n", 1)]
    [InlineData("{\"sentence1\":\"a\",\"sentence2\":\"b\",\"score\":1}\n{\"sentence1\":\"a\",\"sentence2\":\"b\",\"score\":\"1\"}\n", 2)]
    public void Rejects_bad_evaluation_lines_naming_the_line(string text, int line)
    {
        var error = Assert.Throws<DataFileException>(() => StsPairReader.Read(new StringReader(text)));
        Assert.Equal(line, error.LineNumber);
    }

    [Fact]
    public void Reads_unsupervised_text_and_rejects_tabs_and_empty_files()
    {
        Assert.Equal(["one.", "two."], UnsupervisedTextReader.Read(new StringReader("one.\r\n\ntwo.\n")));
        Assert.Equal(3, Assert.Throws<DataFileException>(() => UnsupervisedTextReader.Read(new StringReader("a\nb\nc\td\n"))).LineNumber);
        Assert.Equal(0, Assert.Throws<DataFileException>(() => UnsupervisedTextReader.Read(new StringReader("\n\n"))).LineNumber);
    }

    [Fact]
    public void Reads_the_shared_data_files()
    {
        Assert.Equal(6963, SupervisedTripletReader.ReadFile(SharedData.File("train/nli_triplets.tsv")).Count);
        Assert.Equal(1500, StsPairReader.ReadFile(SharedData.File("sts/stsb-dev.tsv")).Count);
        Assert.Equal(500, StsPairReader.ReadFile(SharedData.File("sts/sickr-dev.tsv")).Count);
    }
}
