# Written for Condocker's lint tests: a first Dockerfile as many tutorials' readers write it, with the mistakes
# lint is there to catch.
FROM python:latest

RUN apt-get update
RUN sudo apt-get install -y build-essential libpq-dev

ADD . /app
WORKDIR /app

RUN pip install -r requirements.txt
RUN curl -fsSL https://deb.nodesource.com/setup_20.x | bash -
RUN wget https://example.org/data/model.bin

EXPOSE 5000
CMD python app.py
